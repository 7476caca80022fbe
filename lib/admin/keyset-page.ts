// Keyset pagination for the console's lists, newest first by id: a page is the rows below the
// cursor, and the cursor of the next page is the last id shown. The query string carries it as
// digits (the filters' `cursor` schema reads it back); ids never move, so pages stay stable while
// new rows arrive, and no count is ever needed.
import { lt, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

export type KeysetPage<T> = { items: T[]; nextCursor: string | null };

/** The condition for rows older than the cursor; none on the first page. */
export function belowCursor(id: PgColumn, cursor: number | undefined): SQL | undefined {
  return cursor ? lt(id, cursor) : undefined;
}

/** Fetches one row more than the page holds: that row only tells whether an older page exists. */
export async function keysetPage<T extends { id: number }>(limit: number, fetch: (limit: number) => Promise<T[]>): Promise<KeysetPage<T>> {
  const rows = await fetch(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? String(last.id) : null };
}
