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

export function PayButtons({ token, failedBefore }: { token: string; failedBefore: boolean }) {
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
      setPhase({ kind: 'refused', message: 'The sandbox could not be reached.' });
    }
  }

  if (phase.kind === 'paid') {
    return (
      <div style={styles.result} data-testid="sandbox-paid">
        <div style={styles.tick}>✓</div>
        <div style={styles.resultTitle}>支付成功 / Payment complete</div>
        <div style={styles.small}>Transaction {phase.transactionId}</div>
        <div style={styles.small}>The merchant is being notified; you can close this page.</div>
      </div>
    );
  }
  if (phase.kind === 'refused') {
    return (
      <div style={styles.result} data-testid="sandbox-refused">
        <div style={styles.resultTitle}>无法支付 / Cannot pay</div>
        <div style={styles.small}>{phase.message}</div>
      </div>
    );
  }
  if (phase.kind === 'cancelled') {
    return (
      <div style={styles.result}>
        <div style={styles.resultTitle}>已取消 / Payment cancelled</div>
        <div style={styles.small}>The order stays unpaid; scan again to pay.</div>
        <button type="button" style={styles.secondary} onClick={() => setPhase({ kind: 'ready' })}>
          Back
        </button>
      </div>
    );
  }

  return (
    <div style={styles.actions}>
      {phase.kind === 'failed' ? (
        <div style={styles.failed} data-testid="sandbox-failed">
          支付失败 / Payment failed. You can try again.
        </div>
      ) : null}
      <button type="button" style={styles.pay} data-testid="sandbox-pay" disabled={phase.kind === 'paying'} onClick={pay}>
        {phase.kind === 'paying' ? 'Paying…' : 'Pay'}
      </button>
      <button type="button" style={styles.secondary} disabled={phase.kind === 'paying'} onClick={() => setPhase({ kind: 'cancelled' })}>
        Cancel
      </button>
      <label style={styles.simulate}>
        <input type="checkbox" checked={simulateFailure} onChange={(e) => setSimulateFailure(e.target.checked)} /> Simulate a failed payment
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
