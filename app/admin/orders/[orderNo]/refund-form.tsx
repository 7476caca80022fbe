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

interface Props {
  orderNo: string;
  leftFen: number;
  lines: Line[];
}

type Draft = { refundFen: number; reason: string; restockItems: { productId: number; quantity: number }[] };

function newKey(): string {
  return crypto.randomUUID().replace(/-/g, '');
}

export function RefundForm({ orderNo, leftFen, lines }: Props) {
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
    if (refundFen === undefined || refundFen < 1) return setError('Enter an amount in yuan, e.g. 12.50');
    if (refundFen > leftFen) return setError(`At most ${formatFen(leftFen)} is left to refund`);
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
      setError(reply.status === 0 ? 'Could not reach the server' : (reply.error ?? `The server answered ${reply.status}`));
      if (reply.status !== 0) setDraft(null);
      if (reply.status === 502) setKey(newKey());
      router.refresh();
      return;
    }
    setDone(`Refund ${reply.data.outRefundNo} is ${reply.data.status}`);
    setDraft(null);
    setKey(newKey());
    router.refresh();
  }

  if (draft) {
    return (
      <div className="adm-form" data-testid="refund-confirm">
        <p>
          The shopper gets back <strong data-testid="refund-confirm-amount">{formatFen(draft.refundFen)}</strong>
          {draft.restockItems.length > 0 && <> and {draft.restockItems.reduce((n, i) => n + i.quantity, 0)} unit(s) go back to stock</>}.
        </p>
        <div className="adm-form__actions">
          <button type="button" className="adm-button adm-button--danger" onClick={confirm} disabled={busy}>
            {busy ? 'Refunding…' : `Refund ${formatFen(draft.refundFen)}`}
          </button>
          <button type="button" className="adm-button" onClick={() => setDraft(null)} disabled={busy}>
            Back
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="adm-form" onSubmit={review} data-testid="refund-form" noValidate>
      <label>
        Amount (¥)
        <input name="amount" inputMode="decimal" defaultValue={fenToYuan(leftFen)} required />
      </label>
      <label className="adm-wide">
        Reason
        <input name="reason" maxLength={80} placeholder="Shown to the shopper in WeChat, e.g. 商品破损" />
      </label>
      {lines.map((line) => (
        <label key={line.productId}>
          Back to stock: {line.name}
          <input name={`restock-${line.productId}`} type="number" min={0} max={line.restockable} defaultValue={0} disabled={line.restockable === 0} />
        </label>
      ))}
      <div className="adm-form__actions">
        <button type="submit" className="adm-button adm-button--primary" disabled={!hydrated}>
          Review refund
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
