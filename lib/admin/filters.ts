// The console's query parameters, validated once and shared by the admin routes (for scripts and
// tests) and the admin pages (GET forms). A bad date or an unknown state is a 400 naming the field.
import 'server-only';
import { z } from 'zod';
import { getEnv } from '@/lib/env';
import { ORDER_STATUSES } from '@/lib/orders/order-status';
import { PAY_LOG_TRADE_STATES, VERDICTS } from '@/lib/payments/pay-log-vocabulary';
import { REFUND_STATUSES } from '@/lib/refunds/refund-status';
import { MULTI_LINE, MULTI_LINE_MESSAGE, SINGLE_LINE, SINGLE_LINE_MESSAGE } from '@/lib/text-input';
import { MAX_PERIODS, periodCount, REPORT_YEARS, withDefaultRange } from './revenue-range';
import { addDays, startOfLocalDay } from './zoned-time';

export const REVENUE_GROUPS = ['day', 'month', 'quarter'] as const;

export type RevenueGroup = (typeof REVENUE_GROUPS)[number];

const isDate = (s: string) => z.iso.date().safeParse(s).success;
const isDateTime = (s: string) => z.iso.datetime({ offset: true }).safeParse(s).success;

/**
 * `from` / `to`: a local date (YYYY-MM-DD in REPORT_TZ) or an ISO date-time with an offset. Dates
 * cover whole local days, so the range is [from 00:00, the day after `to` 00:00); date-times are
 * taken as they are, `to` exclusive.
 */
function bound(edge: 'from' | 'to', years?: readonly [number, number]) {
  return (
    z
      .string()
      .trim()
      .refine((s) => isDate(s) || isDateTime(s), {
        message: 'must be a date (YYYY-MM-DD) or an ISO date-time with a time zone (2026-01-01T00:00:00+08:00)',
        abort: true,
      })
      // Both forms start with the year.
      .refine((s) => !years || (Number(s.slice(0, 4)) >= years[0] && Number(s.slice(0, 4)) <= years[1]), `must be in the years ${years?.join('–')}`)
      .transform((s) => (isDate(s) ? startOfLocalDay(edge === 'to' ? addDays(s, 1) : s, getEnv().REPORT_TZ) : new Date(s)))
  );
}

const range = {
  from: bound('from').optional(),
  to: bound('to').optional(),
};

function orderedRange<T extends { from?: Date; to?: Date }>(value: T, ctx: z.RefinementCtx) {
  if (value.from && value.to && value.from >= value.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  }
}

const page = {
  cursor: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
};

const username = z.string().trim().toLowerCase().regex(SINGLE_LINE, SINGLE_LINE_MESSAGE).max(32);

export const orderFilterSchema = z
  .object({
    status: z.enum(ORDER_STATUSES).optional(),
    user: username.optional(),
    ...range,
    ...page,
  })
  .superRefine(orderedRange);

export const payLogFilterSchema = z
  .object({
    orderNo: z.string().trim().regex(SINGLE_LINE, SINGLE_LINE_MESSAGE).max(64).optional(),
    state: z.enum(PAY_LOG_TRADE_STATES).optional(),
    verdict: z.enum(VERDICTS).optional(),
    user: username.optional(),
    ...range,
    ...page,
    format: z.enum(['json', 'csv']).default('json'),
  })
  .superRefine(orderedRange);

/** Always a bounded range: missing bounds take the defaults, too many periods are a 400. */
export const revenueQuerySchema = z
  .object({
    groupBy: z.enum(REVENUE_GROUPS).default('day'),
    from: bound('from', REPORT_YEARS).optional(),
    to: bound('to', REPORT_YEARS).optional(),
  })
  .transform((query, ctx) => {
    const timeZone = getEnv().REPORT_TZ;
    const resolved = withDefaultRange(query, timeZone);
    if (resolved.from >= resolved.to) {
      ctx.addIssue({
        code: 'custom',
        path: [query.to ? 'to' : 'from'],
        message: query.to ? 'must be after from' : 'must not be after today when to is not given',
      });
      return z.NEVER;
    }
    const periods = periodCount(query.groupBy, resolved.from, resolved.to, timeZone);
    const max = MAX_PERIODS[query.groupBy];
    if (periods > max) {
      ctx.addIssue({
        code: 'custom',
        path: [query.from ? 'from' : 'to'],
        message: `the range spans ${periods} ${query.groupBy}s; at most ${max} by ${query.groupBy}`,
      });
      return z.NEVER;
    }
    return resolved;
  });

export const refundFilterSchema = z
  .object({
    status: z.enum(REFUND_STATUSES).optional(),
    orderNo: z.string().trim().regex(SINGLE_LINE, SINGLE_LINE_MESSAGE).max(64).optional(),
    ...range,
    ...page,
    format: z.enum(['json', 'csv']).default('json'),
  })
  .superRefine(orderedRange);

export const anomalyFilterSchema = z.object({
  status: z.enum(['open', 'resolved']).default('open'),
  ...page,
});

export type OrderFilter = z.infer<typeof orderFilterSchema>;
export type PayLogFilter = Omit<z.infer<typeof payLogFilterSchema>, 'format'>;
export type RevenueQuery = z.infer<typeof revenueQuerySchema>;
export type AnomalyFilter = z.infer<typeof anomalyFilterSchema>;
export type RefundFilter = Omit<z.infer<typeof refundFilterSchema>, 'format'>;

/**
 * Query parameters as a plain object for a schema. Blank values are dropped: a GET form sends
 * `status=` for "any", which means the filter is off.
 */
export function queryInput(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const entries = params instanceof URLSearchParams ? [...params] : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const);
  const out: Record<string, string> = {};
  for (const [key, value] of entries) if (value !== undefined && value.trim() !== '' && !(key in out)) out[key] = value;
  return out;
}

/** A numeric id in a path, e.g. /api/admin/products/{id}. */
export const idParam = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, 'must be a positive integer id')
  .transform(Number);

export const resolveAnomalySchema = z.object({
  note: z
    .string()
    .trim()
    .regex(MULTI_LINE, MULTI_LINE_MESSAGE)
    .min(1, 'say what was done (refunded, shipped anyway, forged…)')
    .max(500, 'at most 500 characters'),
});
