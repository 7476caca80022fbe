// GET /sandbox/scan?pr=<token> – what the WeChat app shows after scanning the shop's QR code:
// payee, description, amount, Pay / Cancel. Without a token it also offers "scan a product QR" (Native
// mode 1), which leads back here with the token of the payment the merchant answered. Sandbox only; a
// 404 in live mode. In Chinese like WeChat's own screens (确认支付 / 取消), in English when the visitor
// chose it: the page reads the cookie and Accept-Language itself (lib/i18n), with nothing of the shop's.
import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { createTranslator } from 'next-intl';
import type { CSSProperties } from 'react';
import { LOCALE_COOKIE, resolveLocale } from '@/lib/i18n/locale';
import { loadMessages } from '@/lib/i18n/messages';
import { isSandboxEnabled } from '@/lib/sandbox/http';
import { formatYuan, scanView, type ScanView } from '@/lib/sandbox/scan';
import { PayButtons } from './pay-buttons';
import { ProductScan } from './product-scan';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await sandboxTranslator())('metaTitle') };
}

const WHY_NOT = { unknown: 'unknown', paid: 'alreadyPaid', closed: 'closed', expired: 'expired' } as const satisfies Record<
  Exclude<ScanView['state'], 'payable'>,
  string
>;

async function sandboxTranslator() {
  const locale = resolveLocale({ cookie: (await cookies()).get(LOCALE_COOKIE)?.value, acceptLanguage: (await headers()).get('accept-language') });
  return createTranslator({ locale, messages: loadMessages(locale), namespace: 'sandbox' });
}

export default async function ScanPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Reading the request first keeps the page out of the build's prerender, where the environment
  // (and the sandbox's generated secrets) need not exist yet.
  const { pr } = await searchParams;
  if (!isSandboxEnabled()) notFound();
  const view = await scanView(typeof pr === 'string' ? pr : undefined);
  const t = await sandboxTranslator();

  return (
    <main style={styles.page}>
      <div style={styles.phone}>
        <header style={styles.header}>
          {t('title')} <span style={styles.sandboxTag}>{t('tag')}</span>
        </header>
        {view.state === 'unknown' ? null : (
          <section style={styles.order}>
            <div style={styles.label}>{t('payee')}</div>
            <div style={styles.merchant}>{view.mchId}</div>
            <div style={styles.appid}>{view.appid}</div>
            <div style={styles.body}>{view.body}</div>
            <div style={styles.amount}>{formatYuan(view.totalFee)}</div>
          </section>
        )}
        {view.state === 'payable' ? (
          <PayButtons
            token={view.token}
            failedBefore={view.failedBefore}
            labels={{
              pay: t('pay'),
              paying: t('paying'),
              cancel: t('cancel'),
              back: t('back'),
              simulateFailure: t('simulateFailure'),
              paid: t('paid'),
              transaction: t.raw('transaction'),
              notified: t('notified'),
              refused: t('refused'),
              unreachable: t('unreachable'),
              cancelled: t('cancelled'),
              cancelledNote: t('cancelledNote'),
              failed: t('failed'),
            }}
          />
        ) : (
          <p style={styles.notice} data-testid="sandbox-unpayable">
            <strong>{t(WHY_NOT[view.state])}</strong>
          </p>
        )}
        {pr === undefined && (
          <ProductScan
            labels={{
              title: t('productScan.title'),
              hint: t('productScan.hint'),
              scan: t('productScan.scan'),
              scanning: t('productScan.scanning'),
              unreachable: t('productScan.unreachable'),
              placeholder: t('productScan.placeholder'),
            }}
          />
        )}
      </div>
    </main>
  );
}

const styles = {
  // Fixed to the viewport so the phone backdrop covers the root layout's default body margin.
  page: {
    position: 'fixed',
    inset: 0,
    overflowY: 'auto',
    background: '#EDEDED',
    fontFamily: 'system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
  },
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
