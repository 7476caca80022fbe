// Keyset pagination: "Older" carries the cursor, "Newest" drops it. No page numbers: a count over
// 300 000 rows would cost more than the page itself.
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { queryString } from './format';

export async function Pager({ path, query, cursor, nextCursor }: { path: string; query: Record<string, string>; cursor?: number; nextCursor: string | null }) {
  if (!cursor && !nextCursor) return null;
  const t = await getTranslations('admin.pager');
  return (
    <nav className="adm-pager" aria-label={t('label')}>
      {cursor ? <Link href={`${path}${queryString({ ...query, cursor: undefined })}`}>{t('newest')}</Link> : <span />}
      {nextCursor && (
        <Link href={`${path}${queryString({ ...query, cursor: nextCursor })}`} rel="next" data-testid="next-page">
          {t('older')}
        </Link>
      )}
    </nav>
  );
}
