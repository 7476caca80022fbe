import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db';
import { products } from '@/db/schema';
import type { Locale } from '@/lib/i18n/locale';
import { localizeProduct } from './localize';

export const productFields = {
  id: products.id,
  slug: products.slug,
  nameZh: products.nameZh,
  nameEn: products.nameEn,
  descriptionZh: products.descriptionZh,
  descriptionEn: products.descriptionEn,
  category: products.category,
  priceFen: products.priceFen,
  stock: products.stock,
  imageUrl: products.imageUrl,
};

type ProductRow = { [K in keyof typeof productFields]: (typeof products.$inferSelect)[K] };

/** A product as the shop shows it: name and description in the shopper's language. */
export type CatalogProduct = ReturnType<typeof localizeProduct<ProductRow>>;

// Archived products (products.archived_at) are out of the catalogue; placed orders keep their copy.
export async function listProducts(locale: Locale): Promise<CatalogProduct[]> {
  const rows = await getDb().select(productFields).from(products).where(isNull(products.archivedAt)).orderBy(asc(products.category), asc(products.id));
  return rows.map((p) => localizeProduct(p, locale));
}

export async function getProductBySlug(slug: string, locale: Locale): Promise<CatalogProduct | undefined> {
  const [product] = await getDb()
    .select(productFields)
    .from(products)
    .where(and(eq(products.slug, slug), isNull(products.archivedAt)));
  return product && localizeProduct(product, locale);
}
