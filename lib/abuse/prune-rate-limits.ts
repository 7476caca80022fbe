// rate_limits gains a row for every address, account and username+address ever counted. A row
// whose window opened longer ago than the longest limit's window counts for nothing any more (the
// key's next request opens a new window whether the row is there or not), so the sweep deletes it
// and the table holds about one window's worth of keys. A request racing the delete ends the same
// way both ways round: a fresh window with a count of 1.
import 'server-only';
import { lt, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { rateLimits } from '@/db/schema';
import { RATE_LIMITS } from './rate-limit';

const LONGEST_WINDOW_SECONDS = Math.max(...Object.values(RATE_LIMITS).map((limit) => limit.windowSeconds));

/** How many rows it deleted. */
export async function pruneRateLimits(): Promise<number> {
  const deleted = await getDb()
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, sql`now() - ${LONGEST_WINDOW_SECONDS}::int * interval '1 second'`))
    .returning({ key: rateLimits.key });
  return deleted.length;
}
