// /admin – the operator console. Only role admin: signed out → sign in; a shopper → 403. Each page
// and each admin API route checks again, so nothing relies on this layout alone.
import type { Metadata } from 'next';
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { pickMessages } from '@/lib/i18n/messages';
import { LocaleSwitch } from '@/app/_components/locale-switch';
import { SandboxBanner } from '@/app/_components/sandbox-banner';
import { SignOutButton } from '@/app/_components/sign-out-button';
import { AdminNav } from './_components/admin-nav';
import { adminOrNull } from './_components/guard';
import './admin.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin');
  return { title: { default: t('metaTitle'), template: `%s · ${t('metaTitle')}` }, robots: { index: false } };
}

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const operator = await adminOrNull();
  const [t, chrome, messages] = await Promise.all([getTranslations('admin'), getTranslations('chrome'), getMessages()]);
  if (!operator) {
    return (
      <div className="adm-forbidden" role="alert" data-testid="admin-forbidden">
        <p className="adm-forbidden__code">403</p>
        <h1>{t('forbiddenTitle')}</h1>
        <p>{t('forbiddenBody')}</p>
        <Link href="/">{t('backToShop')}</Link>
      </div>
    );
  }
  const nav = messages.admin.nav;
  return (
    <div className="adm">
      <SandboxBanner />
      <header className="adm-header">
        <span className="adm-header__title">{t('title')}</span>
        <AdminNav
          label={nav.label}
          links={[
            { href: '/admin', label: nav.dashboard },
            { href: '/admin/orders', label: nav.orders },
            { href: '/admin/pay-logs', label: nav.payLogs },
            { href: '/admin/anomalies', label: nav.anomalies },
            { href: '/admin/refunds', label: nav.refunds },
            { href: '/admin/revenue', label: nav.revenue },
            { href: '/admin/reconciliation', label: nav.reconciliation },
            { href: '/admin/products', label: nav.products },
          ]}
        />
        <div className="adm-header__account">
          <Link href="/" data-testid="admin-shop-link">
            {t('toShop')}
          </Link>
          <span className="adm-header__operator" title={t('signedInAs', { username: operator.username })} data-testid="admin-operator">
            {operator.username}
          </span>
          <SignOutButton label={chrome('signOut')} busyLabel={chrome('signingOut')} />
          <LocaleSwitch />
        </div>
      </header>
      <main className="adm-main">
        <NextIntlClientProvider messages={{ admin: pickMessages(messages.admin, ['form']) }}>{children}</NextIntlClientProvider>
      </main>
    </div>
  );
}
