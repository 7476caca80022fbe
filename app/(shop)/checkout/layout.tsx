import type { ReactNode } from 'react';
import { requireShopper } from '@/app/_components/require-shopper';

export default async function CheckoutLayout({ children }: { children: ReactNode }) {
  await requireShopper('/checkout');
  return children;
}
