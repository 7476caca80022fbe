import type { ReactNode } from 'react';
import { loadProduct } from './load-product';

export default async function ProductLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  await loadProduct((await params).slug);
  return children;
}
