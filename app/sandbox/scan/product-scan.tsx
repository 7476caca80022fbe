'use client';
// "Scan a product QR" on the sandbox phone: paste a Native mode 1 URL (a poster's text under its QR);
// the sandbox plays WeChat (POST /sandbox/scan/product) as one simulated user per browser, whose
// openid is kept in localStorage, then opens the payment the merchant answered with.
import { useRouter } from 'next/navigation';
import { useState, type CSSProperties, type FormEvent } from 'react';

const OPENID_KEY = 'sandbox-openid';

function simulatedOpenid(): string {
  const kept = window.localStorage.getItem(OPENID_KEY);
  if (kept) return kept;
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  const openid = `o${btoa(String.fromCharCode(...bytes))
    .replace(/[+/=]/g, '')
    .slice(0, 27)}`;
  window.localStorage.setItem(OPENID_KEY, openid);
  return openid;
}

export interface ProductScanLabels {
  title: string;
  hint: string;
  scan: string;
  scanning: string;
  unreachable: string;
  placeholder: string;
}

export function ProductScan({ labels }: { labels: ProductScanLabels }) {
  const router = useRouter();
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ error: string; detail?: string } | null>(null);

  async function scan(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/sandbox/scan/product', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ url, openid: simulatedOpenid() }),
      });
      const reply = (await response.json()) as { token?: string; error?: string; detail?: string };
      if (response.ok && reply.token) {
        router.push(`/sandbox/scan?pr=${encodeURIComponent(reply.token)}`);
        return;
      }
      setError({ error: reply.error ?? `HTTP ${response.status}`, detail: reply.detail });
    } catch {
      setError({ error: labels.unreachable });
    }
    setBusy(false);
  }

  return (
    <form style={styles.form} onSubmit={scan} data-testid="product-scan">
      <label style={styles.label}>
        {labels.title}
        <textarea
          style={styles.input}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder={labels.placeholder}
          rows={4}
          required
          data-testid="product-scan-url"
        />
      </label>
      <span style={styles.hint}>{labels.hint}</span>
      <button type="submit" style={styles.button} disabled={busy} data-testid="product-scan-submit">
        {busy ? labels.scanning : labels.scan}
      </button>
      {error && (
        <p style={styles.error} data-testid="product-scan-error">
          <strong>{error.error}</strong>
          {error.detail && (
            <>
              <br />
              <span style={styles.hint}>{error.detail}</span>
            </>
          )}
        </p>
      )}
    </form>
  );
}

const styles = {
  form: { margin: 24, padding: 16, background: '#fff', borderRadius: 8, display: 'flex', flexDirection: 'column', gap: 10 },
  label: { display: 'flex', flexDirection: 'column', gap: 6, fontSize: 14, color: '#333' },
  input: { fontFamily: 'ui-monospace, monospace', fontSize: 12, padding: 8, border: '1px solid #E5E5E5', borderRadius: 6, wordBreak: 'break-all' },
  hint: { fontSize: 12, color: '#999' },
  button: { background: '#07C160', color: '#fff', border: 'none', borderRadius: 8, padding: '12px 0', fontSize: 16, fontWeight: 600, cursor: 'pointer' },
  error: { margin: 0, color: '#FA5151', fontSize: 14, textAlign: 'center', lineHeight: 1.6 },
} satisfies Record<string, CSSProperties>;
