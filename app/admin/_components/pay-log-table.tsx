// Pay logs as a table: the dashboard's latest ones and the pay-log search.
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { PayLogRow } from '@/lib/admin/list-pay-logs';
import { formatFen } from '@/lib/money';
import { Badge } from './badge';
import { formatTime } from './format';

export async function PayLogTable({ rows }: { rows: PayLogRow[] }) {
  const [t, buyer] = await Promise.all([getTranslations('admin.payLogs'), getTranslations('admin.buyer')]);
  if (rows.length === 0) return <p className="adm-empty">{t('none')}</p>;
  return (
    <div className="adm-table-wrap">
      <table className="adm-table" data-testid="pay-log-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('time')}</th>
            <th>{t('order')}</th>
            <th>{t('shopper')}</th>
            <th>{t('source')}</th>
            <th>{t('tradeState')}</th>
            <th>{t('verdict')}</th>
            <th className="adm-num">{t('amount')}</th>
            <th>{t('transaction')}</th>
            <th>{t('detail')}</th>
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
              <td>{log.username ?? (log.guestOpenidTail ? buyer('guest', { tail: log.guestOpenidTail }) : '—')}</td>
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
