import Link from 'next/link';

export function NotFoundView() {
  return (
    <div className="empty" data-testid="not-found">
      <p className="empty__code">404</p>
      <h1>We could not find that page</h1>
      <p className="muted">The product or order may have been removed, or the link is mistyped.</p>
      <Link href="/" className="button button--primary">
        Back to the shop
      </Link>
    </div>
  );
}
