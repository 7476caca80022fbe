// /admin/pay-logs – every payment message by date, trade state, verdict, shopper or order, newest
// first, and the same filter as a CSV download.
import type { Metadata } from 'next';
import Link from 'next/link';
import { payLogFilterSchema } from '@/lib/admin/filters';
import { VERDICTS } from '@/lib/payments/pay-log-vocabulary';
import { TRADE_STATES } from '@/lib/wechatpay';
import { listPayLogs } from '@/lib/admin/list-pay-logs';
import { queryString, readFilters, type SearchParams } from '../_components/format';
import { requireAdminPage } from '../_components/guard';
import { Pager } from '../_components/pager';
import { PayLogTable } from '../_components/pay-log-table';

export const metadata: Metadata = { title: 'Pay logs' };

export default async function PayLogsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const { query, filter, error } = await readFilters(payLogFilterSchema, searchParams);
  const result = filter ? await listPayLogs(filter) : null;
  const { cursor: _, limit: __, format: ___, ...csvQuery } = query;

  return (
    <>
      <h1 className="adm-title">Pay logs</h1>
      <form className="adm-filters" method="get" data-testid="pay-log-filters">
        <label>
          From
          <input type="date" name="from" defaultValue={query.from} />
        </label>
        <label>
          to
          <input type="date" name="to" defaultValue={query.to} />
        </label>
        <label>
          Trade state
          <select name="state" defaultValue={query.state ?? ''}>
            <option value="">any</option>
            {TRADE_STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Verdict
          <select name="verdict" defaultValue={query.verdict ?? ''}>
            <option value="">any</option>
            {VERDICTS.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        <label>
          Shopper
          <input name="user" defaultValue={query.user} placeholder="username" autoComplete="off" />
        </label>
        <label>
          Order
          <input name="orderNo" defaultValue={query.orderNo} placeholder="order no." autoComplete="off" />
        </label>
        <button type="submit" className="adm-button adm-button--primary">
          Filter
        </button>
        <Link href="/admin/pay-logs">Clear</Link>
      </form>
      {error ? (
        <div className="adm-alert adm-alert--error" role="alert">
          {error}
        </div>
      ) : (
        <p className="adm-toolbar">
          <a className="adm-button" href={`/api/admin/pay-logs${queryString({ ...csvQuery, format: 'csv' })}`} download data-testid="csv-download">
            Download CSV
          </a>
          <span className="adm-muted">every row this filter matches, not only this page</span>
        </p>
      )}
      {result && <PayLogTable rows={result.items} />}
      {result && <Pager path="/admin/pay-logs" query={query} cursor={filter?.cursor} nextCursor={result.nextCursor} />}
    </>
  );
}
