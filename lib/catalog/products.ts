import { asc, eq, inArray } from 'drizzle-orm';
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

export function listProducts(): Promise<CatalogProduct[]> {
  return getDb().select(productFields).from(products).orderBy(asc(products.category), asc(products.id));
}

export async function getProductBySlug(slug: string): Promise<CatalogProduct | undefined> {
  const [product] = await getDb().select(productFields).from(products).where(eq(products.slug, slug));
  return product;
}

export function getProductsByIds(ids: number[]): Promise<CatalogProduct[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return getDb().select(productFields).from(products).where(inArray(products.id, ids));
}
