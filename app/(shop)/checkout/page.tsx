// GET /checkout – recipient details (remembered from last time) and the cart summary.
import type { Metadata } from 'next';
import { SWRConfig } from 'swr';
import { listProducts } from '@/lib/catalog/products';
import { getShippingDefaults } from '@/lib/orders/shipping-defaults';
import { PRODUCTS_KEY, toProductSummary } from '@/lib/swr/products-key';
import { requireShopper } from '@/app/_components/require-shopper';
import { CheckoutForm } from '@/app/_components/checkout-form';

export const metadata: Metadata = { title: 'Checkout' };

export default async function CheckoutPage() {
  const user = await requireShopper('/checkout'); // checked first in layout.tsx; cheap (no DB)
  const [shipping, products] = await Promise.all([getShippingDefaults(user.id), listProducts()]);

  return (
    <>
      <h1 className="page-title">Checkout</h1>
      <SWRConfig value={{ fallback: { [PRODUCTS_KEY]: products.map(toProductSummary) } }}>
        <CheckoutForm defaults={shipping} />
      </SWRConfig>
    </>
  );
}
