// GET /checkout – recipient details (remembered from last time) and the cart summary.
import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { SWRConfig } from 'swr';
import { listProducts } from '@/lib/catalog/products';
import { pickMessages } from '@/lib/i18n/messages';
import { getShippingDefaults } from '@/lib/orders/shipping-defaults';
import { PRODUCTS_KEY, toProductSummary } from '@/lib/swr/products-key';
import { requireShopper } from '@/app/_components/require-shopper';
import { CheckoutForm } from '@/app/_components/checkout-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('checkout'))('title') };
}

export default async function CheckoutPage() {
  const user = await requireShopper('/checkout'); // checked first in layout.tsx; cheap (no DB)
  const [locale, t, messages] = await Promise.all([getLocale(), getTranslations('checkout'), getMessages()]);
  const [shipping, products] = await Promise.all([getShippingDefaults(user.id), listProducts(locale)]);

  return (
    <>
      <h1 className="page-title">{t('title')}</h1>
      <SWRConfig value={{ fallback: { [PRODUCTS_KEY]: products.map(toProductSummary) } }}>
        <NextIntlClientProvider messages={pickMessages(messages, ['checkout'])}>
          <CheckoutForm defaults={shipping} />
        </NextIntlClientProvider>
      </SWRConfig>
    </>
  );
}
