// Display helpers for the console's server components: times in the merchant's zone (REPORT_TZ).
import type { z } from 'zod';
import { queryInput } from '@/lib/admin/filters';
import { localDateTime } from '@/lib/admin/zoned-time';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { parseWith } from '@/app/_server/http';

export function formatTime(value: Date | string | null | undefined): string {
  if (!value) return '—';
  return localDateTime(new Date(value), getEnv().REPORT_TZ);
}

/** A query string from the given values, leaving out empty ones. */
export function queryString(values: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** A page's filters: the raw query (for the form and the pager) and the parsed values, or why not. */
export async function readFilters<S extends z.ZodType>(schema: S, searchParams: SearchParams) {
  const query = queryInput(await searchParams);
  try {
    return { query, filter: parseWith(schema, query) as z.infer<S>, error: null };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { query, filter: null, error: err.message };
  }
}
