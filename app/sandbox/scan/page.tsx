// GET /sandbox/scan?pr=<token> – what the WeChat app shows after scanning the shop's QR code:
// payee, description, amount, Pay / Cancel. Without a token it also offers "scan a product QR" (Native mode 1),
// which leads back here with the token of the payment the merchant answered. Sandbox only; a 404 in live mode.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { CSSProperties } from 'react';
import { isSandboxEnabled } from '@/lib/sandbox/http';
import { formatYuan, scanView, type ScanView } from '@/lib/sandbox/scan';
import { PayButtons } from './pay-buttons';
import { ProductScan } from './product-scan';

export const metadata: Metadata = { title: 'WeChat Pay sandbox' };

const WHY_NOT: Record<Exclude<ScanView['state'], 'payable'>, { zh: string; en: string }> = {
  unknown: { zh: '二维码无效', en: 'Unknown QR code: no sandbox order has this code.' },
  paid: { zh: '订单已支付', en: 'This order is already paid.' },
  closed: { zh: '订单已关闭', en: 'This order has been closed by the merchant.' },
  expired: { zh: '订单已过期', en: 'This order is past its time_expire and can no longer be paid.' },
};

export default async function ScanPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Reading the request first keeps the page out of the build's prerender, where the environment
  // (and the sandbox's generated secrets) need not exist yet.
  const { pr } = await searchParams;
  if (!isSandboxEnabled()) notFound();
  const view = await scanView(typeof pr === 'string' ? pr : undefined);

  return (
    <main style={styles.page}>
      <div style={styles.phone}>
        <header style={styles.header}>
          微信支付 <span style={styles.sandboxTag}>SANDBOX</span>
        </header>
        {view.state === 'unknown' ? null : (
          <section style={styles.order}>
            <div style={styles.label}>Merchant · 收款方</div>
            <div style={styles.merchant}>{view.mchId}</div>
            <div style={styles.appid}>{view.appid}</div>
            <div style={styles.body}>{view.body}</div>
            <div style={styles.amount}>{formatYuan(view.totalFee)}</div>
          </section>
        )}
        {view.state === 'payable' ? (
          <PayButtons token={view.token} failedBefore={view.failedBefore} />
        ) : (
          <p style={styles.notice} data-testid="sandbox-unpayable">
            <strong>{WHY_NOT[view.state].zh}</strong>
            <br />
            {WHY_NOT[view.state].en}
          </p>
        )}
        {pr === undefined && <ProductScan />}
      </div>
    </main>
  );
}

const styles = {
  // Fixed to the viewport so the phone backdrop covers the root layout's default body margin.
  page: { position: 'fixed', inset: 0, overflowY: 'auto', background: '#EDEDED', fontFamily: 'system-ui, -apple-system, "PingFang SC", sans-serif' },
  phone: { maxWidth: 400, margin: '0 auto', minHeight: '100%', background: '#F7F7F7', display: 'flex', flexDirection: 'column' },
  header: { padding: '14px 16px', textAlign: 'center', fontWeight: 600, fontSize: 17, background: '#EDEDED', color: '#111' },
  sandboxTag: { fontSize: 10, fontWeight: 700, color: '#fff', background: '#FA9D3B', borderRadius: 3, padding: '1px 4px', verticalAlign: 'middle' },
  order: { padding: '32px 24px 24px', textAlign: 'center', background: '#fff' },
  label: { fontSize: 13, color: '#888' },
  merchant: { fontSize: 17, color: '#111', marginTop: 4 },
  appid: { fontSize: 12, color: '#aaa', marginTop: 2 },
  body: { fontSize: 15, color: '#333', marginTop: 20, wordBreak: 'break-word' },
  amount: { fontSize: 40, fontWeight: 600, color: '#111', marginTop: 12 },
  notice: { margin: 24, padding: 16, background: '#fff', borderRadius: 8, textAlign: 'center', color: '#555', lineHeight: 1.6 },
} satisfies Record<string, CSSProperties>;
