'use client';

import Link from 'next/link';
import { useCartCount } from '@/lib/cart/store';

// Strings come as props from the server's header: this island is on every page, the pay page too.
export function CartLink({ label, one, other }: { label: string; one: string; other: string }) {
  const count = useCartCount();
  return (
    <Link href="/cart" className="cart-link" data-testid="cart-link" aria-label={(count === 1 ? one : other).replace('{count}', String(count))}>
      {label}
      <span className="cart-link__count" data-count={count}>
        {count}
      </span>
    </Link>
  );
}
