'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { cart, MAX_QUANTITY, useCart } from '@/lib/cart/store';
import { useHydrated } from './use-hydrated';
import { formatFen } from '@/lib/money';
import { useProducts } from '@/lib/swr/use-products';
import { QuantityStepper } from './quantity-stepper';

export function CartView() {
  const hydrated = useHydrated();
  const t = useTranslations('cart');
  const lines = useCart();
  const { byId, products, error } = useProducts();

  if (!hydrated || (!products && !error)) {
    return (
      <div className="panel" aria-busy="true">
        <p className="muted">{t('loading')}</p>
      </div>
    );
  }

  if (lines.length === 0) {
    return (
      <div className="empty">
        <p>{t('empty')}</p>
        <Link href="/" className="button button--primary">
          {t('browse')}
        </Link>
      </div>
    );
  }

  if (!products) {
    return (
      <div className="alert alert--error" role="alert">
        {t('pricesFailed')}
      </div>
    );
  }

  const rows = lines.map((line) => ({ line, product: byId.get(line.productId) }));
  const blocked = rows.some(({ line, product }) => !product || product.stock < line.quantity);
  const total = rows.reduce((sum, { line, product }) => sum + (product ? product.priceFen * line.quantity : 0), 0);

  return (
    <div className="cart">
      <ul className="cart-lines">
        {rows.map(({ line, product }) =>
          product ? (
            <li key={line.productId} className="cart-line" data-testid={`cart-line-${product.slug}`}>
              <Link href={`/products/${product.slug}`} className="cart-line__image">
                <img src={product.imageUrl || '/products/placeholder.svg'} alt="" width={80} height={80} />
              </Link>
              <div className="cart-line__info">
                <Link href={`/products/${product.slug}`} className="cart-line__name">
                  {product.name}
                </Link>
                <span className="muted">{t('each', { price: formatFen(product.priceFen) })}</span>
                {product.stock < line.quantity && (
                  <span className="field-error">{product.stock === 0 ? t('soldOut') : t('onlyLeft', { count: product.stock })}</span>
                )}
              </div>
              <div className="cart-line__controls">
                <QuantityStepper
                  value={line.quantity}
                  max={Math.min(MAX_QUANTITY, Math.max(product.stock, line.quantity, 1))}
                  label={t('quantityOf', { name: product.name })}
                  decreaseLabel={t('decrease')}
                  increaseLabel={t('increase')}
                  onChange={(n) => cart.setQuantity(line.productId, n)}
                />
                <button type="button" className="link-button link-button--danger" onClick={() => cart.remove(line.productId)}>
                  {t('remove')}
                  <span className="visually-hidden"> {product.name}</span>
                </button>
              </div>
              <strong className="cart-line__total" data-testid="line-total">
                {formatFen(product.priceFen * line.quantity)}
              </strong>
            </li>
          ) : (
            <li key={line.productId} className="cart-line cart-line--gone">
              <div className="cart-line__info">
                <span>{t('gone')}</span>
              </div>
              <button type="button" className="link-button link-button--danger" onClick={() => cart.remove(line.productId)}>
                {t('remove')}
              </button>
            </li>
          ),
        )}
      </ul>

      <aside className="panel cart-summary" aria-label={t('summary')}>
        <div className="summary-row summary-row--total">
          <span>{t('total')}</span>
          <strong data-testid="cart-total">{formatFen(total)}</strong>
        </div>
        <p className="muted small">{t('shippingNote')}</p>
        {blocked ? (
          <button type="button" className="button button--primary button--block" disabled data-testid="checkout">
            {t('checkout')}
          </button>
        ) : (
          <Link href="/checkout" className="button button--primary button--block" data-testid="checkout">
            {t('checkout')}
          </Link>
        )}
        <Link href="/" className="center-link">
          {t('continue')}
        </Link>
      </aside>
    </div>
  );
}
