'use client';
// The buttons of the sandbox's scan page: they POST to /sandbox/scan/<token>/pay, the same JSON route
// scripts and tests use, and show the outcome the way the WeChat app would.
import { useState, type CSSProperties } from 'react';

type Phase =
  | { kind: 'ready' }
  | { kind: 'paying' }
  | { kind: 'paid'; transactionId: string }
  | { kind: 'failed' }
  | { kind: 'cancelled' }
  | { kind: 'refused'; message: string };

/** The phone's words, from the page (messages: sandbox); `transaction` is raw, with {id}. */
export interface PayButtonLabels {
  pay: string;
  paying: string;
  cancel: string;
  back: string;
  simulateFailure: string;
  paid: string;
  transaction: string;
  notified: string;
  refused: string;
  unreachable: string;
  cancelled: string;
  cancelledNote: string;
  failed: string;
}

export function PayButtons({ token, failedBefore, labels: t }: { token: string; failedBefore: boolean; labels: PayButtonLabels }) {
  const [phase, setPhase] = useState<Phase>(failedBefore ? { kind: 'failed' } : { kind: 'ready' });
  const [simulateFailure, setSimulateFailure] = useState(false);

  async function pay() {
    setPhase({ kind: 'paying' });
    try {
      const response = await fetch(`/sandbox/scan/${encodeURIComponent(token)}/pay`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ result: simulateFailure ? 'PAYERROR' : 'SUCCESS' }),
      });
      const reply = (await response.json()) as { transactionId?: string; error?: string };
      if (!response.ok) setPhase({ kind: 'refused', message: reply.error ?? `HTTP ${response.status}` });
      else if (reply.transactionId) setPhase({ kind: 'paid', transactionId: reply.transactionId });
      else setPhase({ kind: 'failed' });
    } catch {
      setPhase({ kind: 'refused', message: t.unreachable });
    }
  }

  if (phase.kind === 'paid') {
    return (
      <div style={styles.result} data-testid="sandbox-paid">
        <div style={styles.tick}>✓</div>
        <div style={styles.resultTitle}>{t.paid}</div>
        <div style={styles.small}>{t.transaction.replace('{id}', phase.transactionId)}</div>
        <div style={styles.small}>{t.notified}</div>
      </div>
    );
  }
  if (phase.kind === 'refused') {
    return (
      <div style={styles.result} data-testid="sandbox-refused">
        <div style={styles.resultTitle}>{t.refused}</div>
        <div style={styles.small}>{phase.message}</div>
      </div>
    );
  }
  if (phase.kind === 'cancelled') {
    return (
      <div style={styles.result}>
        <div style={styles.resultTitle}>{t.cancelled}</div>
        <div style={styles.small}>{t.cancelledNote}</div>
        <button type="button" style={styles.secondary} onClick={() => setPhase({ kind: 'ready' })}>
          {t.back}
        </button>
      </div>
    );
  }

  return (
    <div style={styles.actions}>
      {phase.kind === 'failed' ? (
        <div style={styles.failed} data-testid="sandbox-failed">
          {t.failed}
        </div>
      ) : null}
      <button type="button" style={styles.pay} data-testid="sandbox-pay" disabled={phase.kind === 'paying'} onClick={pay}>
        {phase.kind === 'paying' ? t.paying : t.pay}
      </button>
      <button type="button" style={styles.secondary} disabled={phase.kind === 'paying'} onClick={() => setPhase({ kind: 'cancelled' })}>
        {t.cancel}
      </button>
      <label style={styles.simulate}>
        <input type="checkbox" checked={simulateFailure} onChange={(e) => setSimulateFailure(e.target.checked)} /> {t.simulateFailure}
      </label>
    </div>
  );
}

const styles = {
  actions: { padding: 24, display: 'flex', flexDirection: 'column', gap: 12 },
  pay: { background: '#07C160', color: '#fff', border: 'none', borderRadius: 8, padding: '14px 0', fontSize: 17, fontWeight: 600, cursor: 'pointer' },
  secondary: { background: '#fff', color: '#07C160', border: '1px solid #E5E5E5', borderRadius: 8, padding: '12px 0', fontSize: 16, cursor: 'pointer' },
  simulate: { fontSize: 12, color: '#999', textAlign: 'center', marginTop: 8 },
  failed: { color: '#FA5151', fontSize: 14, textAlign: 'center' },
  result: { padding: 32, textAlign: 'center', display: 'flex', flexDirection: 'column', gap: 10, alignItems: 'center' },
  tick: { width: 56, height: 56, lineHeight: '56px', borderRadius: '50%', background: '#07C160', color: '#fff', fontSize: 32 },
  resultTitle: { fontSize: 18, fontWeight: 600, color: '#111' },
  small: { fontSize: 12, color: '#999', wordBreak: 'break-all' },
} satisfies Record<string, CSSProperties>;
