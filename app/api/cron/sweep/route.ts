// GET /api/cron/sweep – closes expired orders at WeChat and locally, applies missed payments.
// Scheduled by vercel.json on Vercel; by the in-process timer (SWEEP_INTERVAL_SECONDS) elsewhere.
import { sweepOrders } from '@/lib/sweep/sweep-orders';
import { withCron } from '@/app/_server/cron';
import { respond } from '@/app/_server/http';

export const GET = withCron(() => respond(async () => Response.json(await sweepOrders())));
