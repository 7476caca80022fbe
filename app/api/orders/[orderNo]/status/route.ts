// GET /api/orders/{orderNo}/status – polled every 3 s by the pay page (the hottest route).
// The session is read from the Cookie header and verified synchronously (lib/auth/session.ts), not
// through next/headers' cookies(): same parsing, less work per poll (bench/README.md).
import { sessionCookieFrom, verifySessionToken } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { getOrderStatus } from '@/lib/orders/get-order-status';
import { respond } from '@/app/_server/http';

export const dynamic = 'force-dynamic';

export function GET(request: Request, { params }: { params: Promise<{ orderNo: string }> }) {
  return respond(async () => {
    const user = verifySessionToken(sessionCookieFrom(request.headers.get('cookie')));
    if (!user) throw new AppError('unauthorized', 'Sign in first');
    const { orderNo } = await params;
    const { status, totalFee, paidAt, expiresAt } = await getOrderStatus(orderNo, user.id);
    return Response.json({ orderNo, status, totalFee, paidAt, expiresAt }, { headers: { 'Cache-Control': 'no-store' } });
  });
}
