// GET /api/products – the catalogue with live stock.
import { listProducts } from '@/lib/catalog/products';
import { respond } from '@/app/_server/http';

export function GET() {
  return respond(async () => {
    const products = await listProducts();
    return Response.json(products.map(({ id, slug, name, priceFen, stock, imageUrl }) => ({ id, slug, name, priceFen, stock, imageUrl })));
  });
}
