// GET /api/admin/reconciliation/{yyyyMMdd} – one day's result and its discrepancies; 404 never reconciled.
// POST /api/admin/reconciliation/{yyyyMMdd} – "Reconcile again": runs the day now, replacing its result.
import { z } from 'zod';
import { dayParamSchema } from '@/lib/reconcile/bill-date';
import { getBillDay } from '@/lib/reconcile/list-bill-days';
import { reconcileDay } from '@/lib/reconcile/reconcile-day';
import { parseWith, respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

type Params = { params: Promise<{ date: string }> };

const dayParams = z.object({ date: dayParamSchema });

export function GET(_request: Request, { params }: Params) {
  return respond(async () => {
    await requireAdmin();
    const { date } = parseWith(dayParams, await params);
    return Response.json(await getBillDay(date));
  });
}

export function POST(_request: Request, { params }: Params) {
  return respond(async () => {
    await requireAdmin();
    const { date } = parseWith(dayParams, await params);
    return Response.json(await reconcileDay(date));
  });
}
