import type { ReactNode } from 'react';
import { ShopChrome } from '@/app/_components/shop-chrome';

export default function ShopLayout({ children }: { children: ReactNode }) {
  return <ShopChrome>{children}</ShopChrome>;
}
