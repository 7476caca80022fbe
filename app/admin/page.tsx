// /admin – today's takings and refunds, orders per status, open anomalies, the latest pay logs.
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDashboard } from '@/lib/admin/dashboard';
import { formatFen } from '@/lib/money';
import { ORDER_STATUSES } from '@/lib/orders/order-status';
import { requireAdminPage } from './_components/guard';
import { Badge } from './_components/badge';
import { PayLogTable } from './_components/pay-log-table';

export default async function DashboardPage() {
  await requireAdminPage();
  const [d, t, badge] = await Promise.all([getDashboard(), getTranslations('admin.dashboard'), getTranslations('admin.badge')]);
  return (
    <>
      <h1 className="adm-title">{t('title')}</h1>
      <div className="adm-cards">
        <section className="adm-card" data-testid="paid-today">
          <h2>{t('paidToday')}</h2>
          <p className="adm-card__value">{formatFen(d.paidToday.revenueFen)}</p>
          <p className="adm-muted">{t('ordersToday', { count: d.paidToday.orders, today: d.today, timeZone: d.timeZone })}</p>
        </section>
        <section className="adm-card" data-testid="refunded-today">
          <h2>{t('refundedToday')}</h2>
          <p className="adm-card__value">{formatFen(d.refundedTodayFen)}</p>
          <Link href="/admin/refunds">{t('refunds')}</Link>
        </section>
        <section className="adm-card">
          <h2>{t('orders')}</h2>
          <ul className="adm-card__list">
            {ORDER_STATUSES.map((status) => (
              <li key={status}>
                <Link href={`/admin/orders?status=${status}`}>{badge(status)}</Link> <strong>{d.ordersByStatus[status]}</strong>
              </li>
            ))}
          </ul>
        </section>
        <section className={`adm-card ${d.openAnomalies ? 'adm-card--alert' : ''}`}>
          <h2>{t('openAnomalies')}</h2>
          <p className="adm-card__value">{d.openAnomalies}</p>
          <Link href="/admin/anomalies">{t('review')}</Link>
        </section>
        <section
          className={`adm-card ${d.reconciliation.status === 'discrepancies' || d.reconciliation.status === 'failed' ? 'adm-card--alert' : ''}`}
          data-testid="reconciliation-yesterday"
        >
          <h2>{t('reconciliationYesterday')}</h2>
          <p className="adm-card__value">{d.reconciliation.status ? <Badge value={d.reconciliation.status} /> : t('notRunYet')}</p>
          <Link href={d.reconciliation.status ? `/admin/reconciliation/${d.reconciliation.date}` : '/admin/reconciliation'}>{d.reconciliation.date}</Link>
        </section>
      </div>
      <h2 className="adm-subtitle">
        {t('latestPayLogs')} <Link href="/admin/pay-logs">{t('all')}</Link>
      </h2>
      <PayLogTable rows={d.latestPayLogs} />
    </>
  );
}
