// GET /api/admin/products – every product, archived ones included.
// POST /api/admin/products – JSON {name, slug?, description?, category?, maxPerOrder?, price: "68.00", stock} → 201.
import { listAllProducts } from '@/lib/admin/list-products';
import { createProduct, createProductSchema } from '@/lib/admin/save-product';
import { parseJson, respond } from '@/app/_server/http';
import { requireAdmin } from '@/app/_server/session';

export function GET() {
  return respond(async () => {
    await requireAdmin();
    return Response.json({ items: await listAllProducts() });
  });
}

export function POST(request: Request) {
  return respond(async () => {
    await requireAdmin();
    const input = await parseJson(request, createProductSchema);
    return Response.json(await createProduct(input), { status: 201 });
  });
}
