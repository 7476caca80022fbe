// GET /api/admin/products/{id} – one product, archived or not.
// PATCH /api/admin/products/{id} – JSON with any of {name, slug, description, category, maxPerOrder,
// price, stock, expectedStock}; a stock edit names the stock it saw and gets 409 if a checkout changed it since.
import { z } from 'zod';
import { idParam } from '@/lib/admin/filters';
import { getProduct } from '@/lib/admin/list-products';
import { updateProduct, updateProductSchema } from '@/lib/admin/save-product';
import { parseJson, parseWith, respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

type Context = { params: Promise<{ id: string }> };

export function GET(_request: Request, { params }: Context) {
  return respond(async () => {
    await requireAdmin();
    const { id } = parseWith(z.object({ id: idParam }), await params);
    return Response.json(await getProduct(id));
  });
}

export function PATCH(request: Request, { params }: Context) {
  return respond(async () => {
    await requireAdmin();
    const { id } = parseWith(z.object({ id: idParam }), await params);
    const input = await parseJson(request, updateProductSchema);
    return Response.json(await updateProduct(id, input));
  });
}
