// The revenue report's query: defaults up to today and bounds, decided by the schema before any
// query runs (spec, GET /api/admin/reports/revenue).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { revenueQuerySchema } from '@/lib/admin/filters';
import { TEST_ENV } from '@/tests/support/test-env';

beforeAll(() => {
  for (const [key, value] of Object.entries({ ...TEST_ENV, REPORT_TZ: 'Asia/Shanghai' })) vi.stubEnv(key, value);
  // 04:00 on 16 March 2026 in Shanghai, still the 15th in UTC: "today" is the local day.
  vi.useFakeTimers({ now: new Date('2026-03-15T20:00:00Z'), toFake: ['Date'] });
});

afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

const parse = (query: Record<string, string>) => revenueQuerySchema.safeParse(query);
const local = (day: string) => new Date(`${day}T00:00:00+08:00`);

function range(query: Record<string, string>) {
  const result = parse(query);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return { from: result.data.from.toISOString(), to: result.data.to.toISOString() };
}

function refusal(query: Record<string, string>) {
  const result = parse(query);
  expect(result.success, JSON.stringify(query)).toBe(false);
  return result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
}

const iso = (day: string) => local(day).toISOString();

describe('revenue query defaults', () => {
  it('are the last 30 days, 12 months or 8 quarters up to the end of today', () => {
    expect(range({})).toEqual({ from: iso('2026-02-15'), to: iso('2026-03-17') });
    expect(range({ groupBy: 'month' })).toEqual({ from: iso('2025-04-01'), to: iso('2026-03-17') });
    expect(range({ groupBy: 'quarter' })).toEqual({ from: iso('2024-04-01'), to: iso('2026-03-17') });
  });

  it('count back from `to` when only `to` is given, and run up to today when only `from` is', () => {
    expect(range({ groupBy: 'month', to: '2025-12-31' })).toEqual({ from: iso('2025-01-01'), to: iso('2026-01-01') });
    expect(range({ groupBy: 'quarter', to: '2025-11-15' })).toEqual({ from: iso('2024-01-01'), to: iso('2025-11-16') });
    expect(range({ from: '2026-03-01' })).toEqual({ from: iso('2026-03-01'), to: iso('2026-03-17') });
  });

  it('refuse a `from` after today without a `to`', () => {
    expect(refusal({ from: '2026-03-17' })).toBe('from: must not be after today when to is not given');
  });
});

describe('revenue query bounds', () => {
  it.each([
    ['day', '2025-01-01', '2026-02-04', '2026-02-05', 400],
    ['month', '2016-01-01', '2025-12-31', '2026-01-01', 120],
    ['quarter', '2016-01-01', '2025-12-31', '2026-01-01', 40],
  ])('by %s: from %s to %s is allowed, to %s is one period too many', (groupBy, from, to, tooFar, max) => {
    expect(parse({ groupBy, from, to }).success).toBe(true);
    expect(refusal({ groupBy, from, to: tooFar })).toBe(`from: the range spans ${max + 1} ${groupBy}s; at most ${max} by ${groupBy}`);
  });

  it('count every period a date-time range touches, as the report lists them', () => {
    expect(parse({ from: '2025-01-01T23:59:59+08:00', to: '2026-02-04T00:00:01+08:00' }).success).toBe(true);
    expect(refusal({ from: '2025-01-01T23:59:59+08:00', to: '2026-02-05T00:00:01+08:00' })).toMatch(/spans 401 days/);
    // `to` is exclusive: midnight itself does not start another day.
    expect(parse({ from: '2025-01-01T00:00:00+08:00', to: '2026-02-05T00:00:00+08:00' }).success).toBe(true);
  });

  it('refuses a century by day', () => {
    expect(refusal({ groupBy: 'day', from: '2000-01-01', to: '2100-12-31' })).toBe('from: the range spans 36890 days; at most 400 by day');
  });

  it.each(['0001-01-01', '1901-01-01', '1999-12-31', '2101-01-01', '0001-01-01T00:00:00Z', '9999-12-31T00:00:00+08:00'])('refuses the year of %s', (day) => {
    expect(refusal({ groupBy: 'quarter', from: day })).toBe('from: must be in the years 2000–2100');
    expect(refusal({ groupBy: 'quarter', to: day })).toBe('to: must be in the years 2000–2100');
  });

  it('accepts the first and the last day of 2000–2100', () => {
    expect(range({ groupBy: 'month', from: '2000-01-01', to: '2000-12-31' })).toEqual({ from: iso('2000-01-01'), to: iso('2001-01-01') });
    expect(range({ groupBy: 'month', from: '2100-01-01', to: '2100-12-31' })).toEqual({ from: iso('2100-01-01'), to: iso('2101-01-01') });
  });

  it('reports a malformed date once, not also as a year', () => {
    expect(refusal({ from: 'yesterday' })).toMatch(/^from: must be a date \(YYYY-MM-DD\)[^;]*$/);
  });

  it('keeps refusing a reversed range', () => {
    expect(refusal({ from: '2025-05-01', to: '2025-04-01' })).toBe('to: must be after from');
  });
});
