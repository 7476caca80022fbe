// POST /api/admin/orders/{orderNo}/fulfilment – JSON {fulfilment: 'shipped' | 'delivered'}: a paid
// order moves forward one step; 409 when it is not paid or not at the step before.
import { z } from 'zod';
import { setFulfilment } from '@/lib/admin/set-fulfilment';
import { FULFILMENTS } from '@/lib/orders/fulfilment';
import { parseJson, respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

const body = z.object({ fulfilment: z.enum(FULFILMENTS).exclude(['unfulfilled']) });

export function POST(request: Request, { params }: { params: Promise<{ orderNo: string }> }) {
  return respond(async () => {
    await requireAdmin();
    const { fulfilment } = await parseJson(request, body);
    return Response.json(await setFulfilment((await params).orderNo, fulfilment));
  });
}
