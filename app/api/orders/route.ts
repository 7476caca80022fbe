// POST /api/orders – checkout: reserve stock, create the WeChat Pay order, return its QR.
import { checkoutSchema } from '@/lib/orders/checkout-schema';
import { createOrder } from '@/lib/orders/create-order';
import { clientIp, parseJson, respond } from '@/app/_server/http';
import { requireUser } from '@/app/_server/session';

export function POST(request: Request) {
  return respond(async () => {
    const user = await requireUser();
    const input = await parseJson(request, checkoutSchema);
    const order = await createOrder({ ...input, userId: user.id, clientIp: clientIp(request) });
    return Response.json(order, { status: 201 });
  });
}
