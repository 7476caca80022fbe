// Rate limits, counted in PostgreSQL (table rate_limits) so they hold across instances.
//
// Fixed windows: a key's window opens with its first request and lasts `windowSeconds`; the
// next request after that opens a new one. A burst at a window's edge can reach twice the limit
// in a short time, which these limits tolerate, and in exchange each request costs one upsert of
// one row per rule. The numbers are the contract's (../shared/spec/product.md, "Abuse limits").
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db';
import { queryRows } from '@/db/query-rows';
import { getEnv } from '@/lib/env';
import { RateLimitedError } from '@/lib/errors';

export interface RateLimit {
  /** The key's prefix in rate_limits. */
  name: string;
  max: number;
  windowSeconds: number;
  message: string;
}

export const RATE_LIMITS = {
  signUpPerIp: { name: 'signup-ip', max: 10, windowSeconds: 3600, message: 'Too many sign-ups from your network; try again later' },
  signInPerIp: { name: 'signin-ip', max: 30, windowSeconds: 900, message: 'Too many sign-in attempts from your network; try again later' },
  signInFailuresPerIpAndUser: { name: 'signin-fail', max: 5, windowSeconds: 900, message: 'Too many failed sign-ins; try again in 15 minutes' },
  // Across all addresses, so guesses spread over many IPs are slowed down too; a short window,
  // so a stranger can delay an account's owner by a minute at most, never lock them out.
  signInFailuresPerUser: { name: 'signin-user', max: 10, windowSeconds: 60, message: 'Too many failed sign-ins for this account; try again in a minute' },
  checkoutsPerAccount: { name: 'checkout-user', max: 60, windowSeconds: 3600, message: 'Too many checkouts; try again later' },
} satisfies Record<string, RateLimit>;

/** The limit's key in RATE_LIMITS, which names its message in messages/*.json (errors.rateLimit). */
function limitKey(limit: RateLimit): string {
  return Object.entries(RATE_LIMITS).find(([, l]) => l.name === limit.name)?.[0] ?? 'signInPerIp';
}

export interface RateLimitHit {
  limit: RateLimit;
  /** Whose requests are counted: an address, a user id, an address and a username. */
  subject: string;
}

/**
 * Counts this request against each limit in turn and throws at the first one it exceeds. One
 * statement: each step's upsert runs only if the step before it allowed the request, so a request
 * refused by an earlier limit spends nothing of a later one (an address that is already blocked
 * cannot use up the per-username allowance of someone else's account).
 */
export async function takeRateLimits(hits: RateLimitHit[]): Promise<void> {
  if (getEnv().RATE_LIMIT === 'off' || hits.length === 0) return;
  const steps = hits.map(({ limit, subject }, i, all) => {
    const window = sql`(${limit.windowSeconds}::int * interval '1 second')`;
    const source =
      i === 0
        ? sql`values (${key(limit, subject)}::text, now(), 1)`
        : sql`select ${key(limit, subject)}::text, now(), 1 where (select count from ${sql.raw(`s${i - 1}`)}) <= ${all[i - 1]?.limit.max}::int`;
    const expired = sql`r.window_start <= now() - ${window}`;
    return sql`${sql.raw(`s${i}`)} as (
      insert into rate_limits as r (key, window_start, count) ${source}
      on conflict (key) do update set
        window_start = case when ${expired} then now() else r.window_start end,
        count = case when ${expired} then 1 else r.count + 1 end
      returning count, extract(epoch from (window_start + ${window} - now()))::float8 as retry_after
    )`;
  });
  const results = hits.map((_, i) => sql`select ${i}::int as step, count, retry_after from ${sql.raw(`s${i}`)}`);
  const rows = await queryRows<{ step: number; count: number; retry_after: number }>(
    sql`with ${sql.join(steps, sql`, `)} ${sql.join(results, sql` union all `)}`,
  );
  for (const row of rows.sort((a, b) => a.step - b.step)) {
    const limit = hits[row.step]?.limit;
    if (!limit) throw new Error(`rate limit step ${row.step} has no limit`);
    if (row.count > limit.max) throw new RateLimitedError(limit.message, row.retry_after, undefined, { key: `rateLimit.${limitKey(limit)}` });
  }
}

/** Takes this request back from the given limits (a sign-in attempt that turned out right). */
export async function untakeRateLimits(hits: RateLimitHit[]): Promise<void> {
  if (getEnv().RATE_LIMIT === 'off' || hits.length === 0) return;
  const keys: SQL[] = hits.map(({ limit, subject }) => sql`${key(limit, subject)}::text`);
  await getDb().execute(sql`update rate_limits set count = count - 1 where key in (${sql.join(keys, sql`, `)}) and count > 0`);
}

function key(limit: RateLimit, subject: string): string {
  return `${limit.name}:${subject}`;
}
