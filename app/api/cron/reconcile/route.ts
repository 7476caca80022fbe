// GET /api/cron/reconcile[?date=yyyyMMdd] – reconciles one Beijing day (default yesterday) against
// WeChat's bill. Scheduled by vercel.json on Vercel; by the in-process timer (RECONCILE_AT) elsewhere.
import { queryInput } from '@/lib/admin/filters';
import { reconcileQuerySchema } from '@/lib/reconcile/bill-date';
import { reconcileDay } from '@/lib/reconcile/reconcile-day';
import { withCron } from '@/app/_server/cron';
import { parseWith, respond } from '@/app/_server/http';

export const GET = withCron((request) =>
  respond(async () => {
    const date = parseWith(reconcileQuerySchema, queryInput(new URL(request.url).searchParams));
    return Response.json(await reconcileDay(date));
  }),
);
