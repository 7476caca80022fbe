// Revenue per period as SVG bars, drawn on the server: no charting library, no client JS, and no
// byte of it on a shopper's page.
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
  const step = niceCeil(Math.max(...rows.map((r) => r.revenueFen)) / 4);
  const max = step * 4;
  const slot = plotW / rows.length;
  const barW = Math.max(1, slot * 0.72);
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
          const h = (plotH * r.revenueFen) / max;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          return (
            <g key={r.period}>
              <rect className="adm-chart__bar" x={x} y={PAD.top + plotH - h} width={barW} height={h} data-period={r.period}>
                <title>{t('barTitle', { period: r.period, amount: formatFen(r.revenueFen), count: r.orders })}</title>
              </rect>
              {i % labelEvery === 0 && (
                <text className="adm-chart__label" x={PAD.left + i * slot + slot / 2} y={H - PAD.bottom + 18} textAnchor="middle">
                  {label(r.period)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
