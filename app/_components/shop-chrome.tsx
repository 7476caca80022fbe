// The shop's header (nav, live cart count, account) and footer around a page. Used by the (shop)
// layout and by the root not-found page; the sandbox under /sandbox renders without it.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getSessionUser } from '@/app/_server/session';
import { CartLink } from './cart-link';
import { SandboxBanner } from './sandbox-banner';
import { SignOutButton } from './sign-out-button';

export async function ShopChrome({ children }: { children: ReactNode }) {
  // Reading the session cookie makes every shop page request-time; the banner reads env only after
  // that, so a build never touches it.
  const user = await getSessionUser();

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SandboxBanner />
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
    </>
  );
}
