import type { ReactNode } from 'react';
import { loadOrder } from './load-order';

export default async function OrderLayout({ children, params }: { children: ReactNode; params: Promise<{ orderNo: string }> }) {
  await loadOrder((await params).orderNo);
  return children;
}
