// When the daily reconciliation runs (pure): RECONCILE_AT is a Beijing wall-clock time; the run at
// that time on day D reconciles D − 1, whose bill WeChat serves from 10:00 on D.
import { addBillDays, beijingDate, dayBounds } from './bill-date';

export interface ReconcileAt {
  hour: number;
  minute: number;
}

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** `10:30` → {hour: 10, minute: 30}; `off` → null (lib/env.ts has checked the format). */
export function parseReconcileAt(value: string): ReconcileAt | null {
  if (value === 'off') return null;
  const [hour = 0, minute = 0] = value.split(':').map(Number);
  return { hour, minute };
}

function runTimeOn(billDate: string, at: ReconcileAt): number {
  return dayBounds(billDate)[0].getTime() + (at.hour * 60 + at.minute) * MINUTE_MS;
}

/** The first run time after `now`. */
export function nextRunAt(now: Date, at: ReconcileAt): Date {
  const today = runTimeOn(beijingDate(now), at);
  return new Date(today > now.getTime() ? today : today + DAY_MS);
}

/** The last `max` days whose run time has come by `now`, newest first: yesterday once today's run time has passed. */
export function dueDays(now: Date, at: ReconcileAt, max: number): string[] {
  const today = beijingDate(now);
  const latest = addBillDays(today, now.getTime() >= runTimeOn(today, at) ? -1 : -2);
  return Array.from({ length: max }, (_, i) => addBillDays(latest, -i));
}
