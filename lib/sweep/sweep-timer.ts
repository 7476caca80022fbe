// The in-process scheduler for self-hosted and dev servers: one sweep every SWEEP_INTERVAL_SECONDS,
// each started only after the previous one finished, so it never overlaps itself. Other instances'
// timers are fine: claims keep their work disjoint.
import { log } from '@/lib/log';
import { sweep } from './sweep';

const globalForTimer = globalThis as unknown as { __sweepTimer?: NodeJS.Timeout };

export function startSweepTimer(intervalSeconds: number): void {
  if (intervalSeconds <= 0 || globalForTimer.__sweepTimer) return;
  const tick = async () => {
    try {
      const { orders: summary, refunds, rateLimitsPruned } = await sweep();
      if (summary.scanned > 0 || refunds.scanned > 0 || rateLimitsPruned > 0) log.info({ summary, refunds, rateLimitsPruned }, 'sweep');
    } catch (err) {
      log.error({ err }, 'sweep failed');
    }
    globalForTimer.__sweepTimer = setTimeout(tick, intervalSeconds * 1000).unref();
  };
  globalForTimer.__sweepTimer = setTimeout(tick, intervalSeconds * 1000).unref();
}
