// /admin/reconciliation/{yyyyMMdd} – one reconciled day: its totals and every discrepancy, with the
// amounts on both sides and a link to the order it concerns.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AppError } from '@/lib/errors';
import { formatFen } from '@/lib/money';
import { isRealBillDate } from '@/lib/reconcile/bill-date';
import { getBillDay, type DayDetail } from '@/lib/reconcile/list-bill-days';
import { ApiForm } from '../../_components/api-form';
import { Badge } from '../../_components/badge';
import { formatTime } from '../../_components/format';
import { requireAdminPage } from '../../_components/guard';
import { TotalsCells, TotalsHeader } from '../totals';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.reconciliation'))('billDay.metaTitle') };
}

const money = (fen: number | null) => (fen === null ? '—' : formatFen(fen));

export default async function BillDayPage({ params }: { params: Promise<{ date: string }> }) {
  await requireAdminPage();
  const { date } = await params;
  if (!isRealBillDate(date)) notFound();
  let day: DayDetail;
  try {
    day = await getBillDay(date);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  }
  const t = await getTranslations('admin.reconciliation');

  return (
    <>
      <p className="adm-back">
        <Link href="/admin/reconciliation">{t('billDay.allDays')}</Link>
      </p>
      <h1 className="adm-title">
        {day.date} <Badge value={day.status} />
      </h1>
      <p className="adm-muted">{t('billDay.fetched', { time: formatTime(day.fetchedAt) })}</p>
      {day.detail && (
        <p className="adm-alert adm-alert--error" role="alert">
          {day.detail}
        </p>
      )}
      <div className="adm-table-wrap">
        <table className="adm-table" data-testid="bill-day-totals">
          <thead>
            <tr>
              <TotalsHeader />
            </tr>
          </thead>
          <tbody>
            <tr>
              <TotalsCells day={{ ...day, discrepancies: day.discrepancies.length }} />
            </tr>
          </tbody>
        </table>
      </div>
      <ApiForm endpoint={`/api/admin/reconciliation/${day.date}`} submitLabel={t('reconcileAgain')} busyLabel={t('reconciling')} done={t('done')} />
      <h2 className="adm-subtitle">{t('discrepancies')}</h2>
      {day.discrepancies.length === 0 ? (
        <p className="adm-empty">{t('billDay.none')}</p>
      ) : (
        <div className="adm-table-wrap">
          <table className="adm-table" data-testid="bill-discrepancies">
            <thead>
              <tr>
                <th>{t('billDay.kind')}</th>
                <th>{t('billDay.order')}</th>
                <th>{t('billDay.transaction')}</th>
                <th>{t('billDay.refund')}</th>
                <th className="adm-num">{t('billDay.wechat')}</th>
                <th className="adm-num">{t('billDay.ours')}</th>
                <th>{t('billDay.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {day.discrepancies.map((d, i) => (
                <tr key={i}>
                  <td>
                    <Badge value={d.kind} />
                  </td>
                  <td className="adm-mono">{d.orderNo ? <Link href={`/admin/orders/${encodeURIComponent(d.orderNo)}`}>{d.orderNo}</Link> : '—'}</td>
                  <td className="adm-mono">{d.transactionId ?? '—'}</td>
                  <td className="adm-mono">{d.outRefundNo ?? '—'}</td>
                  <td className="adm-num">{money(d.wechatFen)}</td>
                  <td className="adm-num">{money(d.oursFen)}</td>
                  <td>{d.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
