// /admin/anomalies – money that could not be applied and messages we refused, open or resolved;
// an operator resolves one with a note (stored in anomaly_resolutions, pay_logs untouched).
import type { Metadata } from 'next';
import Link from 'next/link';
import { anomalyFilterSchema } from '@/lib/admin/filters';
import { ANOMALY_KIND_LABEL, listAnomalies } from '@/lib/admin/anomalies';
import { formatFen } from '@/lib/money';
import { refundableAnomaly } from '@/lib/refunds/refund-rules';
import { ApiForm } from '../_components/api-form';
import { Badge } from '../_components/badge';
import { FilterError } from '../_components/filter-form';
import { formatTime, readFilters, type SearchParams } from '../_components/format';
import { requireAdminPage } from '../_components/guard';
import { Pager } from '../_components/pager';

export const metadata: Metadata = { title: 'Anomalies' };

export default async function AnomaliesPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const { query, filter, error } = await readFilters(anomalyFilterSchema, searchParams);
  const result = filter ? await listAnomalies(filter) : null;
  const status = filter?.status ?? 'open';

  return (
    <>
      <h1 className="adm-title">Anomalies</h1>
      <p className="adm-muted">
        Money that could not be applied (a wrong amount or currency, money for closed orders, second payments, a transaction of another order, refunds made
        outside the shop) and authentic notifies we refused (another merchant, an unknown order, a failed payment). Messages that could not be authenticated are
        not listed: find them in <Link href="/admin/pay-logs?verdict=unverified">pay logs</Link>. Resolving one records who and why; the pay log itself never
        changes.
      </p>
      <nav className="adm-tabs" aria-label="Status">
        <Link href="/admin/anomalies" aria-current={status === 'open' ? 'page' : undefined}>
          Open
        </Link>
        <Link href="/admin/anomalies?status=resolved" aria-current={status === 'resolved' ? 'page' : undefined}>
          Resolved
        </Link>
      </nav>
      <FilterError error={error} />
      {result && result.items.length === 0 && <p className="adm-empty">{status === 'open' ? 'Nothing to review.' : 'Nothing resolved yet.'}</p>}
      {result && result.items.length > 0 && (
        <ul className="adm-anomalies" data-testid="anomaly-list">
          {result.items.map((a) => (
            <li key={a.id} className="adm-anomaly" data-testid="anomaly" data-id={a.id} data-order-no={a.orderNo ?? ''}>
              <div className="adm-anomaly__head">
                <strong>{ANOMALY_KIND_LABEL[a.kind]}</strong>
                <Badge value={a.verdict} />
                <span className="adm-nowrap">{formatTime(a.createdAt)}</span>
                <span>{a.source}</span>
                {a.totalFee !== null && <span>{formatFen(a.totalFee)}</span>}
                <span className="adm-mono">
                  {a.orderNo && (a.username || a.guestOpenidTail) ? (
                    <Link href={`/admin/orders/${encodeURIComponent(a.orderNo)}`}>{a.orderNo}</Link>
                  ) : (
                    (a.orderNo ?? 'no order')
                  )}
                </span>
                {a.username && <span>{a.username}</span>}
                {a.guestOpenidTail && <span>WeChat guest ···{a.guestOpenidTail}</span>}
                {a.orderStatus && <Badge value={a.orderStatus} />}
              </div>
              {a.detail && <p className="adm-anomaly__detail">{a.detail}</p>}
              {!a.resolution && refundableAnomaly(a.kind, a.orderStatus ?? null) && (
                <ApiForm
                  endpoint={`/api/admin/anomalies/${a.id}/refund`}
                  submitLabel="Refund this payment"
                  busyLabel="Refunding…"
                  done="Refunded; resolved"
                  danger
                  className="adm-form--inline"
                  testId="refund-anomaly-form"
                />
              )}
              {a.resolution ? (
                <p className="adm-anomaly__resolution">
                  Resolved by <strong>{a.resolution.resolvedBy}</strong> at {formatTime(a.resolution.resolvedAt)}: {a.resolution.note}
                </p>
              ) : (
                <ApiForm
                  endpoint={`/api/admin/anomalies/${a.id}/resolve`}
                  submitLabel="Mark resolved"
                  done="Resolved"
                  className="adm-form--inline"
                  testId="resolve-form"
                >
                  <label className="adm-grow">
                    <span className="adm-visually-hidden">Note</span>
                    <input name="note" required maxLength={500} placeholder="What was done: refunded, shipped anyway, forged message…" />
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
