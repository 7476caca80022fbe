// Rows of a raw `sql` query on either driver: postgres.js returns an array, PGlite `{ rows }`.
// For the few statements the query builder cannot express (data-modifying CTEs, INSERT … SELECT of
// some columns, generate_series); values are always bound parameters, never concatenated.
import 'server-only';
import type { SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db';

/** `executor`: a transaction, when the statement is one step of one. */
export async function queryRows<T extends Record<string, unknown>>(query: SQL, executor: Pick<Db, 'execute'> = getDb()): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
