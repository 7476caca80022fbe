'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/admin', label: 'Dashboard' },
  { href: '/admin/orders', label: 'Orders' },
  { href: '/admin/pay-logs', label: 'Pay logs' },
  { href: '/admin/anomalies', label: 'Anomalies' },
  { href: '/admin/refunds', label: 'Refunds' },
  { href: '/admin/revenue', label: 'Revenue' },
  { href: '/admin/reconciliation', label: 'Reconciliation' },
  { href: '/admin/products', label: 'Products' },
];

export function AdminNav() {
  const path = usePathname();
  return (
    <nav className="adm-nav" aria-label="Console">
      {LINKS.map(({ href, label }) => {
        const current = href === '/admin' ? path === href : path.startsWith(href);
        return (
          <Link key={href} href={href} aria-current={current ? 'page' : undefined}>
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
