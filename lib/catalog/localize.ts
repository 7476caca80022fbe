// A product's texts in one language. Chinese is always there; a blank English text falls back to it.
import type { Locale } from '@/lib/i18n/locale';

export interface ProductTexts {
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
}

export function localizeProduct<P extends ProductTexts>(product: P, locale: Locale): Omit<P, keyof ProductTexts> & { name: string; description: string } {
  const { nameZh, nameEn, descriptionZh, descriptionEn, ...rest } = product;
  const english = locale === 'en';
  return { ...rest, name: (english && nameEn) || nameZh, description: (english && descriptionEn) || descriptionZh };
}
