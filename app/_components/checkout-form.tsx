'use client';

// Places the order: POST /api/orders with the cart's ids and quantities (never a price) and the
// recipient, then goes to the pay page. Every error the route can answer gets its own message.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
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
type FieldErrors = Partial<Record<ShippingField, true>>;

interface ErrorBody {
  error?: string;
  fields?: Record<string, string>;
  product?: string;
  errCode?: string;
}

export function CheckoutForm({ defaults }: { defaults: ShippingDefaults }) {
  const router = useRouter();
  const t = useTranslations('checkout');
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
        <p className="muted">{t('loadingCart')}</p>
      </div>
    );
  }

  if (placed) {
    // The cart is already cleared; say what is happening while the pay page loads.
    return (
      <div className="panel" aria-busy="true" role="status">
        <p>
          <span className="spinner" aria-hidden="true" /> {t('placed')}
        </p>
        <Link href={`/orders/${placed}`}>{t('openNow')}</Link>
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
        setError(t('unreachable'));
        return;
      case 400: {
        const fields = toFieldErrors(prefixless(body.fields ?? {}));
        setFieldErrors(fields);
        const others = Object.entries(body.fields ?? {}).filter(([k]) => !k.startsWith('shipping.'));
        if (others.length > 0 || Object.keys(fields).length === 0) {
          setError(others.length > 0 ? t('cartChange', { problems: others.map(([, m]) => m).join('; ') }) : (body.error ?? t('checkForm')));
        }
        return;
      }
      case 401:
        router.push('/sign-in?next=/checkout');
        return;
      case 409:
        setError(body.product ? t('outOfStockProduct', { product: body.product }) : t('outOfStock'));
        void mutate();
        return;
      case 429:
        setError(body.error ?? t('tooMany'));
        return;
      case 502:
        setError(body.errCode ? t('wechatFailedCode', { code: body.errCode }) : t('wechatFailed'));
        return;
      default:
        setError(t('failed'));
    }
  }

  const bind = (name: ShippingField) => ({
    name,
    value: values[name],
    error: fieldErrors[name] && t(`invalid.${name}`),
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
    required: true,
  });

  return (
    <div className="checkout">
      <form className="panel checkout__form" onSubmit={submit} noValidate aria-describedby={error ? 'checkout-error' : undefined}>
        <h2 className="panel__title">{t('shipTo')}</h2>
        <Field label={t('name')} autoComplete="name" {...bind('name')} />
        <Field label={t('phone')} autoComplete="tel" type="tel" inputMode="tel" hint={t('phoneHint')} {...bind('phone')} />
        <Field label={t('address')} autoComplete="street-address" multiline hint={t('addressHint')} {...bind('address')} />

        {error && (
          <div className="alert alert--error" role="alert" id="checkout-error">
            {error}
          </div>
        )}
        <button type="submit" className="button button--primary button--block" disabled={submitting || !products} data-testid="place-order">
          {submitting ? t('placing') : t('place', { total: formatFen(total) })}
        </button>
        <p className="muted small center">{t('next')}</p>
      </form>

      <aside className="panel checkout__summary" aria-label={t('summary')}>
        <h2 className="panel__title">
          {t('summary')}{' '}
          <Link href="/cart" className="small">
            {t('edit')}
          </Link>
        </h2>
        <ul className="summary-lines">
          {lines.map((l) => {
            const p = byId.get(l.productId);
            return (
              <li key={l.productId} className="summary-line">
                {p && <img src={p.imageUrl || '/products/placeholder.svg'} alt="" width={48} height={48} />}
                <span className="summary-line__name">
                  {p?.name ?? t('unavailable')} <span className="muted">× {l.quantity}</span>
                </span>
                <span>{p ? formatFen(p.priceFen * l.quantity) : '—'}</span>
              </li>
            );
          })}
        </ul>
        <div className="summary-row summary-row--total">
          <span>{t('total')}</span>
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

/** Which fields are wrong; what to say about each comes from the catalogue (checkout.invalid). */
function toFieldErrors(fields: Record<string, string>): Partial<Record<ShippingField, true>> {
  const out: Partial<Record<ShippingField, true>> = {};
  for (const key of ['name', 'phone', 'address'] as const) if (fields[key]) out[key] = true;
  return out;
}
