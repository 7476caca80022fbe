// Delivers payment and refund notifications (sandbox_notifications) to their notify_url, retrying on
// WeChat's schedule (wechatpay.md §11), and settles due refunds on the same timer. Rows are claimed with FOR UPDATE SKIP LOCKED plus a lease,
// so any number of server instances can run this worker on one database: each delivery round is
// made by one of them, and a crashed instance's claim simply lapses.
import 'server-only';
import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { getSandboxDb } from '@/db';
import { sandboxNotifications, sandboxNotifyAttempts, type SandboxNotification } from '@/db/schema';
import { isSuccessReply } from '@/lib/wechatpay';
import { settleDueRefunds } from './settle-refunds';
import { dbNowPlus, notifyTickMs, NOTIFY_RETRY_DELAYS_MS, scaled } from './timing';
import { sandboxLog } from '@/lib/log';

const BATCH = 50;
/** Far longer than one round can take (5 s timeout), so a live claim never lapses mid-delivery. */
const LEASE_MS = 30_000;
/** 「商户系统收到支付结果通知，需要在5秒内返回应答报文」 (§11.1). */
const TIMEOUT_MS = 5000;
const RESPONSE_LOG_CHARS = 512;

interface WorkerState {
  timer?: NodeJS.Timeout;
  claiming: boolean;
  again: boolean;
}

// On globalThis because Next bundles instrumentation (which starts the timer) and the route handlers
// (which kick after a payment) separately. Only scheduling lives here; all state is in the database.
const holder = globalThis as unknown as { __sandboxNotifyWorker?: WorkerState };
const worker = (holder.__sandboxNotifyWorker ??= { claiming: false, again: false });

/** Starts the periodic pass (once per process, however often it is called); the timer never keeps the process alive. */
export function startNotifyWorker(): void {
  if (worker.timer) return;
  worker.timer = setInterval(kickNotifyWorker, notifyTickMs());
  worker.timer.unref();
  kickNotifyWorker();
}

/**
 * Claims due notifications now and starts delivering them, without waiting for the deliveries.
 * Called by the timer and right after a payment commits, so a notify leaves within milliseconds.
 * Never throws; if a claim is already running, that one claims again when it finishes.
 */
export function kickNotifyWorker(): void {
  if (worker.claiming) {
    worker.again = true;
    return;
  }
  worker.claiming = true;
  void claimLoop();
}

async function claimLoop(): Promise<void> {
  try {
    do {
      worker.again = false;
      // Refunds that finish now write their notify, which this same pass then claims.
      await settleDueRefunds();
      const claimed = await claimDue();
      for (const notification of claimed) {
        deliver(notification).catch((err) => sandboxLog.error({ err, notification: notification.id }, 'notify: could not record the attempt'));
      }
      if (claimed.length === BATCH) worker.again = true;
    } while (worker.again);
  } catch (err) {
    sandboxLog.error({ err }, 'notify worker: could not settle refunds or claim notifications');
  } finally {
    // Same synchronous step as the last `again` check, so no kick can fall between the two.
    worker.claiming = false;
  }
}

async function claimDue(): Promise<SandboxNotification[]> {
  const db = getSandboxDb();
  const n = sandboxNotifications;
  const due = db
    .select({ id: n.id })
    .from(n)
    .where(and(eq(n.status, 'pending'), lte(n.nextAttemptAt, sql`now()`), or(isNull(n.leaseUntil), lt(n.leaseUntil, sql`now()`))))
    .orderBy(n.nextAttemptAt)
    .limit(BATCH)
    .for('update', { skipLocked: true });
  return db
    .update(n)
    .set({ leaseUntil: dbNowPlus(LEASE_MS) })
    .where(inArray(n.id, due))
    .returning();
}

interface Attempt {
  httpStatus: number | null;
  response: string;
  ok: boolean;
}

/** One delivery round: `copies` concurrent POSTs (the duplicate fault; normally one), then the outcome. */
async function deliver(notification: SandboxNotification): Promise<void> {
  const attempts = await Promise.all(Array.from({ length: notification.copies }, () => post(notification)));
  const delivered = attempts.some((a) => a.ok);
  const round = notification.attempts + 1;
  const wait = NOTIFY_RETRY_DELAYS_MS[round - 1];
  const n = sandboxNotifications;
  const outcome = delivered
    ? { status: 'delivered', deliveredAt: sql`now()` }
    : wait === undefined
      ? { status: 'exhausted' }
      : { nextAttemptAt: dbNowPlus(scaled(wait)) };
  await getSandboxDb().transaction(async (tx) => {
    await tx.insert(sandboxNotifyAttempts).values(attempts.map((a) => ({ notificationId: notification.id, ...a })));
    await tx
      .update(n)
      .set({ attempts: round, copies: 1, leaseUntil: null, ...outcome })
      .where(and(eq(n.id, notification.id), eq(n.status, 'pending')));
  });
  const [first] = attempts;
  if (!delivered && first) {
    const { httpStatus, response } = first;
    const reply = httpStatus === null ? response : `HTTP ${httpStatus} ${response.slice(0, 120)}`;
    const next = wait === undefined ? 'giving up' : `retrying in ${scaled(wait)} ms`;
    sandboxLog.warn({ notification: notification.id, notifyUrl: notification.notifyUrl, attempt: round, reply }, `notify attempt failed; ${next}`);
  }
}

/** A success is HTTP 200 with an XML return_code SUCCESS (§11.4); anything else asks for a retry. */
async function post(notification: SandboxNotification): Promise<Attempt> {
  try {
    const response = await fetch(notification.notifyUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      body: notification.payload,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'manual',
      cache: 'no-store',
    });
    const text = await response.text();
    return {
      httpStatus: response.status,
      response: text.slice(0, RESPONSE_LOG_CHARS),
      ok: response.status === 200 && isSuccessReply(text),
    };
  } catch (err) {
    return { httpStatus: null, response: describeFailure(err).slice(0, RESPONSE_LOG_CHARS), ok: false };
  }
}

function describeFailure(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === 'TimeoutError') return `no reply within ${TIMEOUT_MS} ms`;
  const cause = err.cause instanceof Error ? err.cause : undefined;
  const code = cause && 'code' in cause ? String(cause.code) : cause?.message;
  return code ? `${err.message} (${code})` : err.message;
}
