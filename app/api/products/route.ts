// GET /api/products – the catalogue with live stock, names and descriptions in the request's
// language (NEXT_LOCALE cookie, then Accept-Language, default Chinese).
import { listProducts } from '@/lib/catalog/products';
import { respond } from '@/app/_server/http';
import { localeOf } from '@/app/_server/locale';

export function GET(request: Request) {
  return respond(async () => {
    const products = await listProducts(localeOf(request.headers));
    return Response.json(
      products.map(({ id, slug, name, description, priceFen, stock, imageUrl }) => ({ id, slug, name, description, priceFen, stock, imageUrl })),
    );
  });
}
