// The demo catalogue, inserted on every start but only where its slug is missing: a merchant's
// edits and stock levels are never overwritten.
import 'server-only';
import { getDb } from '@/db';
import { seedCatalog } from '@/db/seed-catalog';
import { products } from '@/db/schema';

export async function seedProducts(): Promise<void> {
  await getDb()
    .insert(products)
    .values(
      seedCatalog.map(({ slug, nameZh, nameEn, descriptionZh, descriptionEn, category, priceFen, stock, imageUrl }) => ({
        slug,
        nameZh,
        nameEn,
        descriptionZh,
        descriptionEn,
        category,
        priceFen,
        stock,
        imageUrl,
      })),
    )
    .onConflictDoNothing({ target: products.slug });
}
