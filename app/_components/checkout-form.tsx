'use client';

// Places the order: POST /api/orders with the cart's ids and quantities (never a price) and the
// recipient, then goes to the pay page. Every error the route can answer gets its own message.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { cart, useCart } from '@/lib/cart/store';
import { Field } from './field';
import { submitJson } from './submit-json';
import { useHydrated } from './use-hydrated';
import { formatFen } from '@/lib/money';
import { shippingSchema } from '@/lib/orders/checkout-schema';
import type { ShippingDefaults } from '@/lib/orders/shipping-defaults';
import { useProducts } from '@/lib/swr/use-products';

type ShippingField = keyof ShippingDefaults;
type FieldErrors = Partial<Record<ShippingField, string>>;

interface ErrorBody {
  error?: string;
  fields?: Record<string, string>;
  product?: string;
  errCode?: string;
}

export function CheckoutForm({ defaults }: { defaults: ShippingDefaults }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const lines = useCart();
  const { byId, products, mutate } = useProducts();
  const [values, setValues] = useState<ShippingDefaults>(defaults);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [placed, setPlaced] = useState<string | null>(null);

  if (!hydrated) {
    return (
      <div className="panel" aria-busy="true">
        <p className="muted">Loading your cart…</p>
      </div>
    );
  }

  if (placed) {
    // The cart is already cleared; say what is happening while the pay page loads.
    return (
      <div className="panel" aria-busy="true" role="status">
        <p>
          <span className="spinner" aria-hidden="true" /> Order placed — opening the WeChat Pay page…
        </p>
        <Link href={`/orders/${placed}`}>Open it now</Link>
      </div>
    );
  }

  if (lines.length === 0) {
    return (
      <div className="empty">
        <p>Your cart is empty, so there is nothing to check out.</p>
        <Link href="/" className="button button--primary">
          Browse the shop
        </Link>
      </div>
    );
  }

  const total = lines.reduce((sum, l) => sum + (byId.get(l.productId)?.priceFen ?? 0) * l.quantity, 0);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const checked = shippingSchema.safeParse(values);
    if (!checked.success) {
      setFieldErrors(toFieldErrors(Object.fromEntries(checked.error.issues.map((i) => [i.path.join('.'), i.message]))));
      return;
    }
    setFieldErrors({});
    setSubmitting(true);
    const reply = await submitJson<ErrorBody & { orderNo: string }>('/api/orders', 'POST', {
      items: lines.map(({ productId, quantity }) => ({ productId, quantity })),
      shipping: checked.data,
    });
    const { orderNo } = reply.data;
    if (reply.status === 201 && orderNo) {
      setPlaced(orderNo);
      cart.clear();
      router.push(`/orders/${orderNo}`);
      return;
    }
    handleError(reply.status, reply.data);
    setSubmitting(false);
  }

  function handleError(status: number, body: ErrorBody) {
    switch (status) {
      case 0:
        setError('Could not reach the shop. Check your connection and try again.');
        return;
      case 400: {
        const fields = toFieldErrors(prefixless(body.fields ?? {}));
        setFieldErrors(fields);
        const others = Object.entries(body.fields ?? {}).filter(([k]) => !k.startsWith('shipping.'));
        if (others.length > 0 || Object.keys(fields).length === 0) {
          setError(others.length > 0 ? `Your cart needs a change: ${others.map(([, m]) => m).join('; ')}` : (body.error ?? 'Please check the form.'));
        }
        return;
      }
      case 401:
        router.push('/sign-in?next=/checkout');
        return;
      case 409:
        setError(
          `${body.product ? `Sorry, ${body.product} is` : 'Something in your cart is'} out of stock in the quantity you chose. Adjust your cart and try again.`,
        );
        void mutate();
        return;
      case 429:
        setError(body.error ?? 'You have too many unpaid orders. Pay or let some expire first.');
        return;
      case 502:
        setError(`WeChat Pay could not create the payment${body.errCode ? ` (${body.errCode})` : ''}. Nothing was charged; please try again in a moment.`);
        return;
      default:
        setError('Something went wrong on our side. Please try again.');
    }
  }

  const bind = (name: ShippingField) => ({
    name,
    value: values[name],
    error: fieldErrors[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
    required: true,
  });

  return (
    <div className="checkout">
      <form className="panel checkout__form" onSubmit={submit} noValidate aria-describedby={error ? 'checkout-error' : undefined}>
        <h2 className="panel__title">Ship to</h2>
        <Field label="Recipient name" autoComplete="name" {...bind('name')} />
        <Field label="Phone" autoComplete="tel" type="tel" inputMode="tel" hint="So the courier can reach you" {...bind('phone')} />
        <Field label="Address" autoComplete="street-address" multiline hint="Province, city, district, street and number" {...bind('address')} />

        {error && (
          <div className="alert alert--error" role="alert" id="checkout-error">
            {error}
          </div>
        )}
        <button type="submit" className="button button--primary button--block" disabled={submitting || !products} data-testid="place-order">
          {submitting ? 'Placing your order…' : `Place order · ${formatFen(total)}`}
        </button>
        <p className="muted small center">Next you scan a QR code with WeChat to pay.</p>
      </form>

      <aside className="panel checkout__summary" aria-label="Order summary">
        <h2 className="panel__title">
          Order summary{' '}
          <Link href="/cart" className="small">
            Edit
          </Link>
        </h2>
        <ul className="summary-lines">
          {lines.map((l) => {
            const p = byId.get(l.productId);
            return (
              <li key={l.productId} className="summary-line">
                {p && <img src={p.imageUrl || '/products/placeholder.svg'} alt="" width={48} height={48} />}
                <span className="summary-line__name">
                  {p?.name ?? 'Unavailable product'} <span className="muted">× {l.quantity}</span>
                </span>
                <span>{p ? formatFen(p.priceFen * l.quantity) : '—'}</span>
              </li>
            );
          })}
        </ul>
        <div className="summary-row summary-row--total">
          <span>Total</span>
          <strong data-testid="checkout-total">{formatFen(total)}</strong>
        </div>
      </aside>
    </div>
  );
}

/** The route reports shipping problems as "shipping.name" etc.; the form's fields are "name". */
function prefixless(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).flatMap(([k, v]) => (k.startsWith('shipping.') ? [[k.slice('shipping.'.length), v]] : [])));
}

function toFieldErrors(fields: Record<string, string>): FieldErrors {
  const out: FieldErrors = {};
  for (const key of ['name', 'phone', 'address'] as const) if (fields[key]) out[key] = fields[key];
  return out;
}
