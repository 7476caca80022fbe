import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { getLocale } from 'next-intl/server';
import { cache } from 'react';
import { getProductBySlug, type CatalogProduct } from '@/lib/catalog/products';

/** The product for this request (layout, metadata and page share one query); unknown slug → 404. */
export const loadProduct = cache(async (slug: string): Promise<CatalogProduct> => {
  await connection(); // live stock: never prerendered
  const product = await getProductBySlug(slug, await getLocale());
  if (!product) notFound();
  return product;
});
