'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function AdminNav({ label, links }: { label: string; links: { href: string; label: string }[] }) {
  const path = usePathname();
  return (
    <nav className="adm-nav" aria-label={label}>
      {links.map(({ href, label }) => {
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
