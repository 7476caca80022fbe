// GET /api/admin/orders/{orderNo} – one order: lines, shipping, and every pay log about it (raw included).
import { getOrderDetail } from '@/lib/admin/get-order-detail';
import { respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

export function GET(_request: Request, { params }: { params: Promise<{ orderNo: string }> }) {
  return respond(async () => {
    await requireAdmin();
    return Response.json(await getOrderDetail((await params).orderNo));
  });
}
