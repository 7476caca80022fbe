// GET /api/cron/sweep – closes expired orders at WeChat and locally, applies missed payments, and
// settles refunds (resends requested ones, asks WeChat about processing ones), and deletes
// rate-limit rows that no longer count.
// Scheduled by vercel.json on Vercel; by the in-process timer (SWEEP_INTERVAL_SECONDS) elsewhere.
import { sweep } from '@/lib/sweep/sweep';
import { withCron } from '@/app/_server/cron';
import { respond } from '@/app/_server/http';

// The contract's keys {scanned, paid, closed, failed} are the orders'; `refunds` is the refund half's.
export const GET = withCron(() =>
  respond(async () => {
    const { orders, refunds } = await sweep();
    return Response.json({ ...orders, refunds });
  }),
);
