// GET /cart – the cart lives in the browser; names, prices and stock come from the catalogue.
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { SWRConfig } from 'swr';
import { listProducts } from '@/lib/catalog/products';
import { PRODUCTS_KEY, toProductSummary } from '@/lib/swr/products-key';
import { CartView } from '@/app/_components/cart-view';

export const metadata: Metadata = { title: 'Cart' };

export default async function CartPage() {
  await connection();
  const products = (await listProducts()).map(toProductSummary);
  return (
    <>
      <h1 className="page-title">Your cart</h1>
      <SWRConfig value={{ fallback: { [PRODUCTS_KEY]: products } }}>
        <CartView />
      </SWRConfig>
    </>
  );
}
