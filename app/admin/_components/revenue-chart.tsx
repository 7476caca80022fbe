// Revenue per period as SVG bars, drawn on the server: no charting library, no client JS, and no
// byte of it on a shopper's page. Each period shows gross revenue and refunds side by side and net
// (gross − refunds) as a tick across both; a period whose refunds exceed its sales has no tick.
import { getTranslations } from 'next-intl/server';
import type { RevenueRow } from '@/lib/admin/revenue-report';
import { formatFen } from '@/lib/money';

const W = 800;
const H = 280;
const PAD = { top: 16, right: 12, bottom: 40, left: 72 };

/** 1, 2 or 5 × a power of ten, at least `v`: round gridline steps. */
function niceCeil(v: number): number {
  if (v <= 0) return 100;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((x) => x >= v)!;
}

const yuan = (fen: number) => `¥${Math.round(fen / 100).toLocaleString('en-US')}`;

export async function RevenueChart({ rows, groupBy, groupLabel }: { rows: RevenueRow[]; groupBy: string; groupLabel: string }) {
  const t = await getTranslations('admin.revenue');
  if (rows.length === 0) return <p className="adm-empty">{t('none')}</p>;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = niceCeil(Math.max(...rows.map((r) => Math.max(r.revenueFen, r.refundsFen))) / 4);
  const max = step * 4;
  const slot = plotW / rows.length;
  const barW = Math.max(1, slot * 0.36);
  const labelEvery = Math.ceil(rows.length / 12);
  const label = (period: string) =>
    groupBy === 'day' ? period.slice(5) : groupBy === 'month' ? period.slice(0, 7) : `${period.slice(0, 4)} Q${Math.floor(Number(period.slice(5, 7)) / 3) + 1}`;

  return (
    <figure className="adm-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('chartLabel', { groupBy: groupLabel })} data-testid="revenue-chart">
        {[0, 1, 2, 3, 4].map((i) => {
          const y = PAD.top + plotH - (plotH * i) / 4;
          return (
            <g key={i} className="adm-chart__grid">
              <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} />
              <text x={PAD.left - 8} y={y + 4} textAnchor="end">
                {yuan(step * i)}
              </text>
            </g>
          );
        })}
        {rows.map((r, i) => {
          const y = (fen: number) => PAD.top + plotH - (plotH * fen) / max;
          const x = PAD.left + i * slot + (slot - 2 * barW) / 2;
          const title = t('barTitle', {
            period: r.period,
            amount: formatFen(r.revenueFen),
            count: r.orders,
            refunds: formatFen(r.refundsFen),
            net: formatFen(r.netFen),
          });
          return (
            <g key={r.period}>
              <rect className="adm-chart__bar" x={x} y={y(r.revenueFen)} width={barW} height={PAD.top + plotH - y(r.revenueFen)} data-period={r.period}>
                <title>{title}</title>
              </rect>
              <rect className="adm-chart__bar adm-chart__bar--refunds" x={x + barW} y={y(r.refundsFen)} width={barW} height={PAD.top + plotH - y(r.refundsFen)}>
                <title>{title}</title>
              </rect>
              {r.refundsFen > 0 && r.netFen >= 0 && <line className="adm-chart__net" x1={x} x2={x + 2 * barW} y1={y(r.netFen)} y2={y(r.netFen)} />}
              {i % labelEvery === 0 && (
                <text className="adm-chart__label" x={PAD.left + i * slot + slot / 2} y={H - PAD.bottom + 18} textAnchor="middle">
                  {label(r.period)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="adm-chart__legend">
        <span className="adm-chart__key" /> {t('legendGross')} <span className="adm-chart__key adm-chart__key--refunds" /> {t('legendRefunds')}{' '}
        <span className="adm-chart__key adm-chart__key--net" /> {t('legendNet')}
      </figcaption>
    </figure>
  );
}
