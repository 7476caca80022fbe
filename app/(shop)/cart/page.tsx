// GET /cart – the cart lives in the browser; names, prices and stock come from the catalogue.
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { SWRConfig } from 'swr';
import { listProducts } from '@/lib/catalog/products';
import { pickMessages } from '@/lib/i18n/messages';
import { PRODUCTS_KEY, toProductSummary } from '@/lib/swr/products-key';
import { CartView } from '@/app/_components/cart-view';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('cart'))('metaTitle') };
}

export default async function CartPage() {
  await connection();
  const [locale, t, messages] = await Promise.all([getLocale(), getTranslations('cart'), getMessages()]);
  const products = (await listProducts(locale)).map(toProductSummary);
  return (
    <>
      <h1 className="page-title">{t('title')}</h1>
      <SWRConfig value={{ fallback: { [PRODUCTS_KEY]: products } }}>
        <NextIntlClientProvider messages={pickMessages(messages, ['cart'])}>
          <CartView />
        </NextIntlClientProvider>
      </SWRConfig>
    </>
  );
}
