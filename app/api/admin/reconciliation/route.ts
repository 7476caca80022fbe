// GET /api/admin/reconciliation?from&to – reconciled days (ISO dates, both optional), newest first.
// POST /api/admin/reconciliation – JSON {date} (yyyyMMdd or YYYY-MM-DD): reconciles that day now,
// as the cron route would, and answers its result (the console's "reconcile a date" form).
import { z } from 'zod';
import { queryInput } from '@/lib/admin/filters';
import { billDayRangeSchema, dayParamSchema } from '@/lib/reconcile/bill-date';
import { listBillDays } from '@/lib/reconcile/list-bill-days';
import { reconcileDay } from '@/lib/reconcile/reconcile-day';
import { parseJson, parseWith, respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

export function GET(request: Request) {
  return respond(async () => {
    await requireAdmin();
    const range = parseWith(billDayRangeSchema, queryInput(new URL(request.url).searchParams));
    return Response.json({ items: await listBillDays(range) });
  });
}

export function POST(request: Request) {
  return respond(async () => {
    await requireAdmin();
    const { date } = await parseJson(request, z.object({ date: dayParamSchema }));
    return Response.json(await reconcileDay(date));
  });
}
