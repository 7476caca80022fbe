'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { cart, MAX_LINES, MAX_QUANTITY } from '@/lib/cart/store';
import { useHydrated } from './use-hydrated';
import { QuantityStepper } from './quantity-stepper';

export function AddToCart({ productId, stock }: { productId: number; stock: number }) {
  // Until hydration a click would be lost, so the button waits for it.
  const hydrated = useHydrated();
  const t = useTranslations('product');
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState<number | null>(null);
  const [full, setFull] = useState(false);
  const max = Math.min(MAX_QUANTITY, stock);

  if (stock <= 0) {
    return (
      <button type="button" className="button button--block" disabled data-testid="add-to-cart">
        {t('outOfStock')}
      </button>
    );
  }

  return (
    <form
      className="add-to-cart"
      onSubmit={(e) => {
        e.preventDefault();
        const ok = cart.add(productId, quantity);
        setFull(!ok);
        setAdded(ok ? quantity : null);
      }}
    >
      <div className="add-to-cart__row">
        <QuantityStepper
          value={quantity}
          max={max}
          label={t('quantity')}
          decreaseLabel={t('decrease')}
          increaseLabel={t('increase')}
          id="quantity"
          onChange={(n) => {
            setQuantity(n);
            setAdded(null);
            setFull(false);
          }}
        />
        <button type="submit" className="button button--primary add-to-cart__button" disabled={!hydrated} data-testid="add-to-cart">
          {t('addToCart')}
        </button>
      </div>
      <p className="add-to-cart__note" role="status">
        {added !== null && (
          <>
            {t('added', { count: added })} <Link href="/cart">{t('viewCart')}</Link>
          </>
        )}
        {full && <span className="field-error">{t('cartFull', { max: MAX_LINES })}</span>}
      </p>
    </form>
  );
}
