// Shared by the client hook and by server pages that seed SWR's cache (SWRConfig fallback), so a
// page that already read the catalogue renders the cart without a loading flash.
import type { CatalogProduct } from '@/lib/catalog/products';

export const PRODUCTS_KEY = '/api/products';

/** One product as GET /api/products returns it. */
export interface ProductSummary {
  id: number;
  slug: string;
  name: string;
  priceFen: number;
  stock: number;
  imageUrl: string;
}

export function toProductSummary({ id, slug, name, priceFen, stock, imageUrl }: CatalogProduct): ProductSummary {
  return { id, slug, name, priceFen, stock, imageUrl };
}
