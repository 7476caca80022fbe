// Rows of a raw `sql` query on either driver: postgres.js returns an array, PGlite `{ rows }`.
// For the few statements the query builder cannot express (INSERT … SELECT of some columns,
// generate_series); values are always bound parameters, never concatenated.
import type { SQL } from 'drizzle-orm';
import { getDb } from '@/db';

export async function queryRows<T extends Record<string, unknown>>(query: SQL): Promise<T[]> {
  const result = (await getDb().execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
