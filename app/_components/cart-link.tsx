'use client';

import Link from 'next/link';
import { useCartCount } from '@/lib/cart/store';

export function CartLink() {
  const count = useCartCount();
  return (
    <Link href="/cart" className="cart-link" data-testid="cart-link" aria-label={`Cart, ${count} ${count === 1 ? 'item' : 'items'}`}>
      Cart
      <span className="cart-link__count" data-count={count}>
        {count}
      </span>
    </Link>
  );
}
