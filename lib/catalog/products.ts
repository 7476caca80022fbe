import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db';
import { products } from '@/db/schema';

export const productFields = {
  id: products.id,
  slug: products.slug,
  name: products.name,
  description: products.description,
  category: products.category,
  priceFen: products.priceFen,
  stock: products.stock,
  imageUrl: products.imageUrl,
};

export type CatalogProduct = { [K in keyof typeof productFields]: (typeof products.$inferSelect)[K] };

// Archived products (products.archived_at) are out of the catalogue; placed orders keep their copy.
export function listProducts(): Promise<CatalogProduct[]> {
  return getDb().select(productFields).from(products).where(isNull(products.archivedAt)).orderBy(asc(products.category), asc(products.id));
}

export async function getProductBySlug(slug: string): Promise<CatalogProduct | undefined> {
  const [product] = await getDb()
    .select(productFields)
    .from(products)
    .where(and(eq(products.slug, slug), isNull(products.archivedAt)));
  return product;
}
