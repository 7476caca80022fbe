'use client';

// The order page's "Refund": an amount in ¥ (what is left by default, parsed as digits, never as a
// float), a reason, the units going back to stock (none by default), then a confirmation of what
// the shopper gets back. One idempotency key per form instance: a double click, or a retry after a
// lost answer, is the same refund.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { submitJson } from '@/app/_components/submit-json';
import { useHydrated } from '@/app/_components/use-hydrated';
import { fenToYuan, formatFen, parseYuan } from '@/lib/money';

interface Line {
  productId: number;
  name: string;
  /** Units that may still go back to stock. */
  restockable: number;
}

/**
 * The form's texts, translated by the order page (admin.order.refunds.form). A `{name}` in a text is
 * filled in here; `statuses` names each refund status as its badge does.
 */
export interface RefundFormLabels {
  amountInvalid: string;
  tooMuch: string;
  unreachable: string;
  serverAnswered: string;
  done: string;
  confirm: string;
  confirmRestock: string;
  refunding: string;
  refundAmount: string;
  back: string;
  amount: string;
  reason: string;
  reasonPlaceholder: string;
  backToStock: string;
  review: string;
  statuses: Record<string, string>;
}

interface Props {
  orderNo: string;
  leftFen: number;
  lines: Line[];
  labels: RefundFormLabels;
}

/** Puts values into a label's `{name}` slots. */
function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (slot, name: string) => (name in values ? String(values[name]) : slot));
}

type Draft = { refundFen: number; reason: string; restockItems: { productId: number; quantity: number }[] };

function newKey(): string {
  return crypto.randomUUID().replace(/-/g, '');
}

export function RefundForm({ orderNo, leftFen, lines, labels }: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [key, setKey] = useState(newKey);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function review(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const refundFen = parseYuan(String(data.get('amount') ?? ''));
    setDone(null);
    if (refundFen === undefined || refundFen < 1) return setError(labels.amountInvalid);
    if (refundFen > leftFen) return setError(labels.tooMuch);
    const restockItems = lines
      .map((line) => ({ productId: line.productId, quantity: Number(data.get(`restock-${line.productId}`) ?? 0) }))
      .filter((item) => item.quantity > 0);
    setError(null);
    setDraft({ refundFen, reason: String(data.get('reason') ?? '').trim(), restockItems });
  }

  async function confirm() {
    if (!draft) return;
    setBusy(true);
    const reply = await submitJson<{ outRefundNo: string; status: string }>(`/api/admin/orders/${encodeURIComponent(orderNo)}/refunds`, 'POST', {
      ...draft,
      idempotencyKey: key,
    });
    setBusy(false);
    if (!reply.ok) {
      setError(reply.status === 0 ? labels.unreachable : (reply.error ?? fill(labels.serverAnswered, { status: reply.status })));
      if (reply.status !== 0) setDraft(null);
      if (reply.status === 502) setKey(newKey());
      router.refresh();
      return;
    }
    const { outRefundNo = '', status = '' } = reply.data;
    setDone(fill(labels.done, { outRefundNo, status: labels.statuses[status] ?? status }));
    setDraft(null);
    setKey(newKey());
    router.refresh();
  }

  if (draft) {
    const units = draft.restockItems.reduce((n, i) => n + i.quantity, 0);
    const [before, after = ''] = fill(units > 0 ? labels.confirmRestock : labels.confirm, { count: units }).split('{amount}');
    return (
      <div className="adm-form" data-testid="refund-confirm">
        <p>
          {before}
          <strong data-testid="refund-confirm-amount">{formatFen(draft.refundFen)}</strong>
          {after}
        </p>
        <div className="adm-form__actions">
          <button type="button" className="adm-button adm-button--danger" onClick={confirm} disabled={busy}>
            {busy ? labels.refunding : fill(labels.refundAmount, { amount: formatFen(draft.refundFen) })}
          </button>
          <button type="button" className="adm-button" onClick={() => setDraft(null)} disabled={busy}>
            {labels.back}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="adm-form" onSubmit={review} data-testid="refund-form" noValidate>
      <label>
        {labels.amount}
        <input name="amount" inputMode="decimal" defaultValue={fenToYuan(leftFen)} required />
      </label>
      <label className="adm-wide">
        {labels.reason}
        <input name="reason" maxLength={80} placeholder={labels.reasonPlaceholder} />
      </label>
      {lines.map((line) => (
        <label key={line.productId}>
          {fill(labels.backToStock, { name: line.name })}
          <input name={`restock-${line.productId}`} type="number" min={0} max={line.restockable} defaultValue={0} disabled={line.restockable === 0} />
        </label>
      ))}
      <div className="adm-form__actions">
        <button type="submit" className="adm-button adm-button--primary" disabled={!hydrated}>
          {labels.review}
        </button>
        {error && (
          <span className="adm-form__error" role="alert">
            {error}
          </span>
        )}
        {done && !error && (
          <span className="adm-form__done" role="status">
            {done}
          </span>
        )}
      </div>
    </form>
  );
}
