// GET /api/cron/sweep – closes expired orders at WeChat and locally, applies missed payments, and
// settles refunds (resends requested ones, asks WeChat about processing ones).
// Scheduled by vercel.json on Vercel; by the in-process timer (SWEEP_INTERVAL_SECONDS) elsewhere.
import { sweepOrders } from '@/lib/sweep/sweep-orders';
import { sweepRefunds } from '@/lib/sweep/sweep-refunds';
import { withCron } from '@/app/_server/cron';
import { respond } from '@/app/_server/http';

// The contract's keys {scanned, paid, closed, failed} are the orders'; `refunds` is the refund half's.
export const GET = withCron(() => respond(async () => Response.json({ ...(await sweepOrders()), refunds: await sweepRefunds() })));
