// The shop's header (nav, live cart count, account) and footer around a page. Used by the (shop)
// layout and by the root not-found page; the sandbox under /sandbox renders without it.
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { getSessionUser } from '@/app/_server/session';
import { CartLink } from './cart-link';
import { LocaleSwitch } from './locale-switch';
import { SandboxBanner } from './sandbox-banner';
import { SignOutButton } from './sign-out-button';

export async function ShopChrome({ children }: { children: ReactNode }) {
  // Reading the session cookie makes every shop page request-time; the banner reads env only after
  // that, so a build never touches it.
  const [user, t] = await Promise.all([getSessionUser(), getTranslations('chrome')]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <SandboxBanner />
      <header className="site-header">
        <div className="container site-header__inner">
          <Link href="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              茶
            </span>
            <span>{t('brand')}</span>
          </Link>
          <nav className="site-nav" aria-label={t('mainNav')}>
            <Link href="/">{t('shop')}</Link>
            <Link href="/orders">{t('myOrders')}</Link>
            <CartLink label={t('cart')} one={t.raw('cartOne') as string} other={t.raw('cartOther') as string} />
            {user ? (
              <span className="site-nav__user">
                <span className="site-nav__name" title={t('signedInAs', { username: user.username })}>
                  {user.username}
                </span>
                <SignOutButton label={t('signOut')} busyLabel={t('signingOut')} />
              </span>
            ) : (
              <span className="site-nav__user">
                <Link href="/sign-in">{t('signIn')}</Link>
                <Link href="/sign-up" className="button button--small">
                  {t('signUp')}
                </Link>
              </span>
            )}
            <LocaleSwitch className="site-nav__locale" />
          </nav>
        </div>
      </header>
      <main id="main" className="container site-main">
        {children}
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <p>
            <span className="wechat-dot" aria-hidden="true" /> {t('footerPay')}
          </p>
          <p className="muted">{t('footerAbout')}</p>
        </div>
      </footer>
    </>
  );
}
