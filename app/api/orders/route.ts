// POST /api/orders – checkout: reserve stock, create the WeChat Pay order, return its QR.
// GET /api/orders – the signed-in shopper's orders, newest first.
import { checkoutSchema } from '@/lib/orders/checkout-schema';
import { createOrder } from '@/lib/orders/create-order';
import { listMyOrders } from '@/lib/orders/my-orders';
import { clientIp } from '@/app/_server/client-ip';
import { parseJson, respond } from '@/app/_server/http';
import { requireUser } from '@/app/_server/session';

export function POST(request: Request) {
  return respond(async () => {
    const user = await requireUser();
    const input = await parseJson(request, checkoutSchema);
    const order = await createOrder({ ...input, userId: user.id, clientIp: clientIp(request) });
    return Response.json(order, { status: 201 });
  });
}

export function GET() {
  return respond(async () => {
    const user = await requireUser();
    const orders = await listMyOrders(user.id);
    return Response.json({ items: orders.map(({ codeUrl: _, ...order }) => order) });
  });
}
