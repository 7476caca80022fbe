'use client';

import Link from 'next/link';
import { cart, MAX_QUANTITY, useCart } from '@/lib/cart/store';
import { useHydrated } from './use-hydrated';
import { formatFen } from '@/lib/money';
import { useProducts } from '@/lib/swr/use-products';
import { QuantityStepper } from './quantity-stepper';

export function CartView() {
  const hydrated = useHydrated();
  const lines = useCart();
  const { byId, products, error } = useProducts();

  if (!hydrated || (!products && !error)) {
    return (
      <div className="panel" aria-busy="true">
        <p className="muted">Loading your cart…</p>
      </div>
    );
  }

  if (lines.length === 0) {
    return (
      <div className="empty">
        <p>Your cart is empty.</p>
        <Link href="/" className="button button--primary">
          Browse the shop
        </Link>
      </div>
    );
  }

  if (!products) {
    return (
      <div className="alert alert--error" role="alert">
        Could not load prices right now. Check your connection and reload the page.
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
                <span className="muted">{formatFen(product.priceFen)} each</span>
                {product.stock < line.quantity && (
                  <span className="field-error">
                    {product.stock === 0 ? 'Out of stock — remove it to check out' : `Only ${product.stock} left — lower the quantity`}
                  </span>
                )}
              </div>
              <div className="cart-line__controls">
                <QuantityStepper
                  value={line.quantity}
                  max={Math.min(MAX_QUANTITY, Math.max(product.stock, line.quantity, 1))}
                  label={`Quantity of ${product.name}`}
                  onChange={(n) => cart.setQuantity(line.productId, n)}
                />
                <button type="button" className="link-button link-button--danger" onClick={() => cart.remove(line.productId)}>
                  Remove<span className="visually-hidden"> {product.name}</span>
                </button>
              </div>
              <strong className="cart-line__total" data-testid="line-total">
                {formatFen(product.priceFen * line.quantity)}
              </strong>
            </li>
          ) : (
            <li key={line.productId} className="cart-line cart-line--gone">
              <div className="cart-line__info">
                <span>This product is no longer available.</span>
              </div>
              <button type="button" className="link-button link-button--danger" onClick={() => cart.remove(line.productId)}>
                Remove
              </button>
            </li>
          ),
        )}
      </ul>

      <aside className="panel cart-summary" aria-label="Order summary">
        <div className="summary-row summary-row--total">
          <span>Total</span>
          <strong data-testid="cart-total">{formatFen(total)}</strong>
        </div>
        <p className="muted small">Shipping is free. You pay with WeChat Pay after checkout.</p>
        {blocked ? (
          <button type="button" className="button button--primary button--block" disabled data-testid="checkout">
            Checkout
          </button>
        ) : (
          <Link href="/checkout" className="button button--primary button--block" data-testid="checkout">
            Checkout
          </Link>
        )}
        <Link href="/" className="center-link">
          Continue shopping
        </Link>
      </aside>
    </div>
  );
}
