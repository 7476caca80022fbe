// WeChat's totals of a day beside ours, and the fees WeChat took: the cells of a reconciled day.
import { formatFen } from '@/lib/money';
import type { DayResult } from '@/lib/reconcile/day-result';

const money = (fen: number | undefined) => (fen === undefined ? '—' : formatFen(fen));

export function TotalsHeader() {
  return (
    <>
      <th className="adm-num">Trades WeChat / ours</th>
      <th className="adm-num">Paid WeChat / ours</th>
      <th className="adm-num">Refunded WeChat / ours</th>
      <th className="adm-num">Fees</th>
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
