// The in-process scheduler for self-hosted and dev servers: at RECONCILE_AT Beijing time it reconciles
// every due day of the last CATCH_UP_DAYS that has no result yet (yesterday, and the days a stopped
// server missed); at start it does the same, so a restart catches up. Several instances doing this at
// once are safe: the day's advisory lock serialises their runs, and each leaves the one result.
import { and, inArray, ne } from 'drizzle-orm';
import { getDb } from '@/db';
import { billDays } from '@/db/schema';
import { log } from '@/lib/log';
import { billDateOf, isoDate } from './bill-date';
import { reconcileDay } from './reconcile-day';
import { dueDays, nextRunAt, parseReconcileAt, type ReconcileAt } from './reconcile-schedule';

/** WeChat keeps bills for 3 months; a server down longer than this is an operator's to catch up. */
const CATCH_UP_DAYS = 3;
/** In sandbox mode the bill comes from this very server, which listens only once start-up is over. */
const START_DELAY_MS = 15_000;

const globalForTimer = globalThis as unknown as { __reconcileTimer?: NodeJS.Timeout };

export function startReconcileTimer(reconcileAt: string): void {
  const at = parseReconcileAt(reconcileAt);
  if (!at || globalForTimer.__reconcileTimer) return;
  const schedule = () => {
    globalForTimer.__reconcileTimer = setTimeout(
      async () => {
        await catchUp(at);
        schedule();
      },
      nextRunAt(new Date(), at).getTime() - Date.now(),
    ).unref();
  };
  setTimeout(() => void catchUp(at), START_DELAY_MS).unref();
  schedule();
}

async function catchUp(at: ReconcileAt): Promise<void> {
  try {
    const due = dueDays(new Date(), at, CATCH_UP_DAYS);
    // A failed day is retried: it has no result worth keeping.
    const done = await getDb()
      .select({ billDate: billDays.billDate })
      .from(billDays)
      .where(and(inArray(billDays.billDate, due.map(isoDate)), ne(billDays.status, 'failed')));
    const doneDays = new Set(done.map((d) => billDateOf(d.billDate)));
    for (const day of due.filter((d) => !doneDays.has(d)).reverse()) {
      const result = await reconcileDay(day);
      log.info({ date: result.date, status: result.status, discrepancies: result.discrepancies }, 'reconciled');
    }
  } catch (err) {
    log.error({ err }, 'reconciliation failed');
  }
}
