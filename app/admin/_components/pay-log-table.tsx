// Pay logs as a table: the dashboard's latest ones and the pay-log search.
import Link from 'next/link';
import type { PayLogRow } from '@/lib/admin/list-pay-logs';
import { formatFen } from '@/lib/money';
import { Badge } from './badge';
import { formatTime } from './format';

export function PayLogTable({ rows }: { rows: PayLogRow[] }) {
  if (rows.length === 0) return <p className="adm-empty">No pay logs match.</p>;
  return (
    <div className="adm-table-wrap">
      <table className="adm-table" data-testid="pay-log-table">
        <thead>
          <tr>
            <th>#</th>
            <th>Time</th>
            <th>Order</th>
            <th>Shopper</th>
            <th>Source</th>
            <th>Trade state</th>
            <th>Verdict</th>
            <th className="adm-num">Amount</th>
            <th>Transaction</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((log) => (
            <tr key={log.id} data-testid="pay-log-row" data-id={log.id}>
              <td className="adm-mono">{log.id}</td>
              <td className="adm-nowrap">{formatTime(log.createdAt)}</td>
              <td className="adm-mono">
                {log.orderNo && (log.username || log.guestOpenidTail) ? (
                  <Link href={`/admin/orders/${encodeURIComponent(log.orderNo)}`}>{log.orderNo}</Link>
                ) : (
                  log.orderNo
                )}
              </td>
              <td>{log.username ?? (log.guestOpenidTail ? `WeChat guest ···${log.guestOpenidTail}` : '—')}</td>
              <td>{log.source}</td>
              <td className="adm-mono">{log.tradeState}</td>
              <td>
                <Badge value={log.verdict} />
              </td>
              <td className="adm-num">{log.totalFee === null ? '—' : formatFen(log.totalFee)}</td>
              <td className="adm-mono adm-ellipsis">{log.transactionId ?? '—'}</td>
              <td className="adm-detail">{log.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
