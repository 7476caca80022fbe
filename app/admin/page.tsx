// /admin – today's takings and refunds, orders per status, open anomalies, the latest pay logs.
import Link from 'next/link';
import { getDashboard } from '@/lib/admin/dashboard';
import { formatFen } from '@/lib/money';
import { ORDER_STATUSES } from '@/lib/orders/order-status';
import { requireAdminPage } from './_components/guard';
import { Badge } from './_components/badge';
import { PayLogTable } from './_components/pay-log-table';

export default async function DashboardPage() {
  await requireAdminPage();
  const d = await getDashboard();
  return (
    <>
      <h1 className="adm-title">Dashboard</h1>
      <div className="adm-cards">
        <section className="adm-card" data-testid="paid-today">
          <h2>Paid today</h2>
          <p className="adm-card__value">{formatFen(d.paidToday.revenueFen)}</p>
          <p className="adm-muted">
            {d.paidToday.orders} order{d.paidToday.orders === 1 ? '' : 's'} · {d.today} ({d.timeZone})
          </p>
        </section>
        <section className="adm-card" data-testid="refunded-today">
          <h2>Refunded today</h2>
          <p className="adm-card__value">{formatFen(d.refundedTodayFen)}</p>
          <Link href="/admin/refunds">Refunds</Link>
        </section>
        <section className="adm-card">
          <h2>Orders</h2>
          <ul className="adm-card__list">
            {ORDER_STATUSES.map((status) => (
              <li key={status}>
                <Link href={`/admin/orders?status=${status}`}>{status}</Link> <strong>{d.ordersByStatus[status]}</strong>
              </li>
            ))}
          </ul>
        </section>
        <section className={`adm-card ${d.openAnomalies ? 'adm-card--alert' : ''}`}>
          <h2>Open anomalies</h2>
          <p className="adm-card__value">{d.openAnomalies}</p>
          <Link href="/admin/anomalies">Review</Link>
        </section>
        <section
          className={`adm-card ${d.reconciliation.status === 'discrepancies' || d.reconciliation.status === 'failed' ? 'adm-card--alert' : ''}`}
          data-testid="reconciliation-yesterday"
        >
          <h2>Yesterday&apos;s reconciliation</h2>
          <p className="adm-card__value">{d.reconciliation.status ? <Badge value={d.reconciliation.status} /> : 'not run yet'}</p>
          <Link href={d.reconciliation.status ? `/admin/reconciliation/${d.reconciliation.date}` : '/admin/reconciliation'}>{d.reconciliation.date}</Link>
        </section>
      </div>
      <h2 className="adm-subtitle">
        Latest pay logs <Link href="/admin/pay-logs">all</Link>
      </h2>
      <PayLogTable rows={d.latestPayLogs} />
    </>
  );
}
