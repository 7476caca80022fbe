import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getEnv } from '@/lib/env';
import { getSessionUser } from './_server/session';
import { CartLink } from './_components/cart-link';
import { SignOutButton } from './_components/sign-out-button';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Teahouse 茶舍', template: '%s · Teahouse 茶舍' },
  description: 'Tea, cups and small things for the desk — paid with WeChat Pay.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#2f5d4e',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the session cookie makes every page request-time; env is read only after that, so a
  // build never touches it.
  const user = await getSessionUser();
  const sandbox = getEnv().WXPAY_MODE === 'sandbox';

  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {sandbox && (
          <div className="sandbox-banner" role="note">
            Sandbox mode — no real money. Payments go to the built-in WeChat Pay sandbox.
          </div>
        )}
        <header className="site-header">
          <div className="container site-header__inner">
            <Link href="/" className="brand">
              <span className="brand__mark" aria-hidden="true">
                茶
              </span>
              <span>
                Teahouse <span className="brand__zh">茶舍</span>
              </span>
            </Link>
            <nav className="site-nav" aria-label="Main">
              <Link href="/">Shop</Link>
              <Link href="/orders">My orders</Link>
              <CartLink />
              {user ? (
                <span className="site-nav__user">
                  <span className="site-nav__name" title={`Signed in as ${user.username}`}>
                    {user.username}
                  </span>
                  <SignOutButton />
                </span>
              ) : (
                <span className="site-nav__user">
                  <Link href="/sign-in">Sign in</Link>
                  <Link href="/sign-up" className="button button--small">
                    Sign up
                  </Link>
                </span>
              )}
            </nav>
          </div>
        </header>
        <main id="main" className="container site-main">
          {children}
        </main>
        <footer className="site-footer">
          <div className="container site-footer__inner">
            <p>
              <span className="wechat-dot" aria-hidden="true" /> Payments by WeChat Pay 微信支付
            </p>
            <p className="muted">Teahouse 茶舍 is an open-source storefront.</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
