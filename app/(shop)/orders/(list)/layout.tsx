import type { ReactNode } from 'react';
import { requireShopper } from '@/app/_components/require-shopper';

export default async function MyOrdersLayout({ children }: { children: ReactNode }) {
  await requireShopper('/orders');
  return children;
}
