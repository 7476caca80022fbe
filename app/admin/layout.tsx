// /admin – the operator console. Only role admin: signed out → sign in; a shopper → 403. Each page
// and each admin API route checks again, so nothing relies on this layout alone.
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { SandboxBanner } from '@/app/_components/sandbox-banner';
import { AdminNav } from './_components/admin-nav';
import { adminOrNull } from './_components/guard';
import './admin.css';

export const metadata: Metadata = { title: { default: 'Console', template: '%s · Console' }, robots: { index: false } };

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const operator = await adminOrNull();
  if (!operator) {
    return (
      <div className="adm-forbidden" role="alert" data-testid="admin-forbidden">
        <p className="adm-forbidden__code">403</p>
        <h1>Operators only</h1>
        <p>This account is a shopper account. Sign in with an operator account to use the console.</p>
        <Link href="/">Back to the shop</Link>
      </div>
    );
  }
  return (
    <div className="adm">
      <SandboxBanner />
      <header className="adm-header">
        <span className="adm-header__title">Console</span>
        <AdminNav />
      </header>
      {children}
    </div>
  );
}
