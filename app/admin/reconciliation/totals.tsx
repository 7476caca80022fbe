// WeChat's totals of a day beside ours, and the fees WeChat took: the cells of a reconciled day.
import { getTranslations } from 'next-intl/server';
import { formatFen } from '@/lib/money';
import type { DayResult } from '@/lib/reconcile/day-result';

const money = (fen: number | undefined) => (fen === undefined ? '—' : formatFen(fen));

export async function TotalsHeader() {
  const t = await getTranslations('admin.reconciliation.totals');
  return (
    <>
      <th className="adm-num">{t('trades')}</th>
      <th className="adm-num">{t('paid')}</th>
      <th className="adm-num">{t('refunded')}</th>
      <th className="adm-num">{t('fees')}</th>
    </>
  );
}

export function TotalsCells({ day }: { day: DayResult }) {
  const { wechat, ours } = day;
  return (
    <>
      <td className="adm-num">
        {wechat?.trades ?? '—'} / {ours.trades}
      </td>
      <td className="adm-num">
        {money(wechat?.paidFen)} / {formatFen(ours.paidFen)}
      </td>
      <td className="adm-num">
        {money(wechat?.refundFen)} / {formatFen(ours.refundFen)}
      </td>
      <td className="adm-num">{money(wechat?.feeFen)}</td>
    </>
  );
}
