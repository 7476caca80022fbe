// Keyset pagination: "Older" carries the cursor, "Newest" drops it. No page numbers: a count over
// 300 000 rows would cost more than the page itself.
import Link from 'next/link';
import { queryString } from './format';

export function Pager({ path, query, cursor, nextCursor }: { path: string; query: Record<string, string>; cursor?: number; nextCursor: string | null }) {
  if (!cursor && !nextCursor) return null;
  return (
    <nav className="adm-pager" aria-label="Pages">
      {cursor ? <Link href={`${path}${queryString({ ...query, cursor: undefined })}`}>« Newest</Link> : <span />}
      {nextCursor && (
        <Link href={`${path}${queryString({ ...query, cursor: nextCursor })}`} rel="next" data-testid="next-page">
          Older »
        </Link>
      )}
    </nav>
  );
}
