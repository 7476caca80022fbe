'use client';

import Link from 'next/link';
import { useState } from 'react';
import { cart, MAX_QUANTITY } from '@/lib/cart/store';
import { QuantityStepper } from './quantity-stepper';

export function AddToCart({ productId, stock }: { productId: number; stock: number }) {
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState<number | null>(null);
  const max = Math.min(MAX_QUANTITY, stock);

  if (stock <= 0) {
    return (
      <button type="button" className="button button--block" disabled data-testid="add-to-cart">
        Out of stock
      </button>
    );
  }

  return (
    <form
      className="add-to-cart"
      onSubmit={(e) => {
        e.preventDefault();
        cart.add(productId, quantity);
        setAdded(quantity);
      }}
    >
      <div className="add-to-cart__row">
        <QuantityStepper
          value={quantity}
          max={max}
          label="Quantity"
          id="quantity"
          onChange={(n) => {
            setQuantity(n);
            setAdded(null);
          }}
        />
        <button type="submit" className="button button--primary add-to-cart__button" data-testid="add-to-cart">
          Add to cart
        </button>
      </div>
      <p className="add-to-cart__note" role="status">
        {added !== null && (
          <>
            Added {added} to your cart. <Link href="/cart">View cart →</Link>
          </>
        )}
      </p>
    </form>
  );
}
