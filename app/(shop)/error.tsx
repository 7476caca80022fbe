'use client';

// A page failed: the shop's header and footer stay, the page area offers "Try again".
import { ErrorView } from '@/app/_components/error-view';

export default function ShopError(props: { error: unknown; retry: () => void }) {
  return <ErrorView {...props} />;
}
