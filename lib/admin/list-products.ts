// The merchant's view of the catalogue: archived products included (listed last).
import 'server-only';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { products } from '@/db/schema';
import { productFields } from '@/lib/catalog/products';
import { AppError } from '@/lib/errors';

// `name` and `description` (the Chinese texts) keep the single-language API's reply readable by scripts.
const adminProductFields = {
  ...productFields,
  name: products.nameZh,
  description: products.descriptionZh,
  maxPerOrder: products.maxPerOrder,
  createdAt: products.createdAt,
  archivedAt: products.archivedAt,
};

export function listAllProducts() {
  return getDb()
    .select(adminProductFields)
    .from(products)
    .orderBy(sql`${products.archivedAt} is not null`, asc(products.category), desc(products.id));
}

export async function getProduct(id: number) {
  const [product] = await getDb().select(adminProductFields).from(products).where(eq(products.id, id));
  if (!product) throw new AppError('not_found', `No product ${id}`);
  return product;
}

export type AdminProduct = Awaited<ReturnType<typeof getProduct>>;
