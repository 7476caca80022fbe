// The in-process scheduler for self-hosted and dev servers: one sweep every SWEEP_INTERVAL_SECONDS,
// each started only after the previous one finished, so it never overlaps itself. Other instances'
// timers are fine: claims keep their work disjoint.
import { sweepOrders } from './sweep-orders';

const globalForTimer = globalThis as unknown as { __sweepTimer?: NodeJS.Timeout };

export function startSweepTimer(intervalSeconds: number): void {
  if (intervalSeconds <= 0 || globalForTimer.__sweepTimer) return;
  const tick = async () => {
    try {
      const summary = await sweepOrders();
      if (summary.scanned > 0) console.log('sweep', JSON.stringify(summary));
    } catch (err) {
      console.error('sweep failed', err);
    }
    globalForTimer.__sweepTimer = setTimeout(tick, intervalSeconds * 1000).unref();
  };
  globalForTimer.__sweepTimer = setTimeout(tick, intervalSeconds * 1000).unref();
}
