// /admin/anomalies – money that could not be applied and messages we refused, open or resolved;
// an operator resolves one with a note (stored in anomaly_resolutions, pay_logs untouched).
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { anomalyFilterSchema } from '@/lib/admin/filters';
import { listAnomalies } from '@/lib/admin/anomalies';
import { formatFen } from '@/lib/money';
import { refundableAnomaly } from '@/lib/refunds/refund-rules';
import { ApiForm } from '../_components/api-form';
import { Badge } from '../_components/badge';
import { FilterError } from '../_components/filter-form';
import { formatTime, readFilters, type SearchParams } from '../_components/format';
import { requireAdminPage } from '../_components/guard';
import { Pager } from '../_components/pager';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.anomalies'))('title') };
}

export default async function AnomaliesPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const { query, filter, error } = await readFilters(anomalyFilterSchema, searchParams);
  const result = filter ? await listAnomalies(filter) : null;
  const status = filter?.status ?? 'open';
  const t = await getTranslations('admin.anomalies');

  return (
    <>
      <h1 className="adm-title">{t('title')}</h1>
      <p className="adm-muted">{t.rich('intro', { link: (chunks) => <Link href="/admin/pay-logs?verdict=unverified">{chunks}</Link> })}</p>
      <nav className="adm-tabs" aria-label={t('status')}>
        <Link href="/admin/anomalies" aria-current={status === 'open' ? 'page' : undefined}>
          {t('open')}
        </Link>
        <Link href="/admin/anomalies?status=resolved" aria-current={status === 'resolved' ? 'page' : undefined}>
          {t('resolved')}
        </Link>
      </nav>
      <FilterError error={error} />
      {result && result.items.length === 0 && <p className="adm-empty">{status === 'open' ? t('nothingOpen') : t('nothingResolved')}</p>}
      {result && result.items.length > 0 && (
        <ul className="adm-anomalies" data-testid="anomaly-list">
          {result.items.map((a) => (
            <li key={a.id} className="adm-anomaly" data-testid="anomaly" data-id={a.id} data-order-no={a.orderNo ?? ''}>
              <div className="adm-anomaly__head">
                <strong>{t(`kind.${a.kind}`)}</strong>
                <Badge value={a.verdict} />
                <span className="adm-nowrap">{formatTime(a.createdAt)}</span>
                <span>{a.source}</span>
                {a.totalFee !== null && <span>{formatFen(a.totalFee)}</span>}
                <span className="adm-mono">
                  {a.orderNo && (a.username || a.guestOpenidTail) ? (
                    <Link href={`/admin/orders/${encodeURIComponent(a.orderNo)}`}>{a.orderNo}</Link>
                  ) : (
                    (a.orderNo ?? t('noOrder'))
                  )}
                </span>
                {a.username && <span>{a.username}</span>}
                {a.guestOpenidTail && <span>{t('guest', { tail: a.guestOpenidTail })}</span>}
                {a.orderStatus && <Badge value={a.orderStatus} />}
              </div>
              {a.detail && <p className="adm-anomaly__detail">{a.detail}</p>}
              {!a.resolution && refundableAnomaly(a.kind, a.orderStatus ?? null) && (
                <ApiForm
                  endpoint={`/api/admin/anomalies/${a.id}/refund`}
                  submitLabel={t('refundPayment')}
                  busyLabel={t('refunding')}
                  done={t('refundedResolved')}
                  danger
                  className="adm-form--inline"
                  testId="refund-anomaly-form"
                />
              )}
              {a.resolution ? (
                <p className="adm-anomaly__resolution">
                  {t.rich('resolvedBy', {
                    strong: (chunks) => <strong>{chunks}</strong>,
                    who: a.resolution.resolvedBy ?? '',
                    when: formatTime(a.resolution.resolvedAt),
                    note: a.resolution.note ?? '',
                  })}
                </p>
              ) : (
                <ApiForm
                  endpoint={`/api/admin/anomalies/${a.id}/resolve`}
                  submitLabel={t('markResolved')}
                  done={t('done')}
                  className="adm-form--inline"
                  testId="resolve-form"
                >
                  <label className="adm-grow">
                    <span className="adm-visually-hidden">{t('note')}</span>
                    <input name="note" required maxLength={500} placeholder={t('notePlaceholder')} />
                  </label>
                </ApiForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {result && <Pager path="/admin/anomalies" query={query} cursor={filter?.cursor} nextCursor={result.nextCursor} />}
    </>
  );
}
