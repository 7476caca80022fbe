// Product categories are the merchant's free text; the demo catalogue's are translated
// (messages: catalog.category, keyed by the category's anchor), others are shown as typed.
import 'server-only';
import { getMessages, getTranslations } from 'next-intl/server';

/** "Coffee & Cups" → "coffee-cups": the key of its translation and the catalogue's anchor. */
export function categorySlug(category: string): string {
  return category
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export async function categoryNamer(): Promise<(category: string) => string> {
  const [t, messages] = await Promise.all([getTranslations('catalog'), getMessages()]);
  const known: Record<string, string | undefined> = messages.catalog.category;
  return (category) => (category === '' ? t('more') : (known[categorySlug(category)] ?? category));
}
