// One sweep, as the cron route and the in-process timer both run it: stale orders, then refunds
// still open at WeChat, then rate-limit rows that no longer count.
import 'server-only';
import { pruneRateLimits } from '@/lib/abuse/prune-rate-limits';
import { sweepOrders } from './sweep-orders';
import { sweepRefunds } from './sweep-refunds';

export async function sweep() {
  const orders = await sweepOrders();
  const refunds = await sweepRefunds();
  const rateLimitsPruned = await pruneRateLimits();
  return { orders, refunds, rateLimitsPruned };
}
