// GET /api/orders/{orderNo}/status – polled every 3 s by the pay page (the hottest route).
import { getOrderStatus } from '@/lib/orders/get-order-status';
import { respond } from '@/app/_server/http';
import { requireUserFrom } from '@/app/_server/session';

export function GET(request: Request, { params }: { params: Promise<{ orderNo: string }> }) {
  return respond(async () => {
    const user = requireUserFrom(request);
    const { orderNo } = await params;
    const { status, totalFee, paidAt, expiresAt } = await getOrderStatus(orderNo, user.id, user.sessionVersion);
    return Response.json({ orderNo, status, totalFee, paidAt, expiresAt }, { headers: { 'Cache-Control': 'no-store' } });
  });
}
