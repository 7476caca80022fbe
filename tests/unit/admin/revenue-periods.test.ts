// The revenue page's periods and presets. Local dates in, local dates out: the time zone enters only
// through `today`, read in REPORT_TZ (here Asia/Shanghai, UTC+8 all year, as the default).
import { describe, expect, it } from 'vitest';
import { monthStart, periodEnd, quarterStart, revenuePresets } from '@/lib/admin/revenue-periods';
import { addDays, localDate } from '@/lib/admin/zoned-time';

describe('monthStart', () => {
  it.each([
    ['2026-05-17', 0, '2026-05-01'],
    ['2026-05-01', 0, '2026-05-01'],
    ['2026-05-31', 1, '2026-06-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-31', -1, '2025-12-01'],
    ['2026-11-30', -11, '2025-12-01'],
    ['2026-12-01', -11, '2026-01-01'],
    ['2024-02-29', 12, '2025-02-01'],
    ['2026-03-15', -27, '2023-12-01'],
  ])('%s, %i months on → %s', (date, months, start) => {
    expect(monthStart(date, months)).toBe(start);
  });
});

describe('quarterStart', () => {
  it.each([
    ['2026-01-01', '2026-01-01'],
    ['2026-02-14', '2026-01-01'],
    ['2026-03-31', '2026-01-01'],
    ['2026-04-01', '2026-04-01'],
    ['2026-05-20', '2026-04-01'],
    ['2026-06-30', '2026-04-01'],
    ['2026-07-01', '2026-07-01'],
    ['2026-08-31', '2026-07-01'],
    ['2026-09-30', '2026-07-01'],
    ['2026-10-01', '2026-10-01'],
    ['2026-11-11', '2026-10-01'],
    ['2026-12-31', '2026-10-01'],
  ])('%s is in the quarter starting %s', (date, start) => {
    expect(quarterStart(date)).toBe(start);
  });

  it.each([
    ['2026-02-10', -1, '2025-10-01'],
    ['2026-01-01', -1, '2025-10-01'],
    ['2026-11-05', 1, '2027-01-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-08-01', -4, '2025-07-01'],
    ['2026-05-05', 2, '2026-10-01'],
  ])('%s, %i quarters on → %s', (date, quarters, start) => {
    expect(quarterStart(date, quarters)).toBe(start);
  });
});

describe('periodEnd', () => {
  it.each([
    ['2026-12-31', 'day', '2026-12-31'],
    ['2024-02-29', 'day', '2024-02-29'],
    ['2026-01-01', 'month', '2026-01-31'],
    ['2024-02-01', 'month', '2024-02-29'],
    ['2025-02-01', 'month', '2025-02-28'],
    ['2026-04-01', 'month', '2026-04-30'],
    ['2026-12-01', 'month', '2026-12-31'],
    ['2026-01-01', 'quarter', '2026-03-31'],
    ['2026-04-01', 'quarter', '2026-06-30'],
    ['2026-07-01', 'quarter', '2026-09-30'],
    ['2026-10-01', 'quarter', '2026-12-31'],
  ] as const)('the %s %s ends on %s', (period, groupBy, end) => {
    expect(periodEnd(period, groupBy)).toBe(end);
  });

  it('leaves neither a gap nor an overlap between consecutive months and quarters (2023–2025)', () => {
    for (let month = monthStart('2023-01-01'); month < '2026-01-01'; month = monthStart(month, 1)) {
      expect(addDays(periodEnd(month, 'month'), 1)).toBe(monthStart(month, 1));
    }
    for (let quarter = '2023-01-01'; quarter < '2026-01-01'; quarter = quarterStart(quarter, 1)) {
      expect(addDays(periodEnd(quarter, 'quarter'), 1)).toBe(quarterStart(quarter, 1));
    }
  });
});

const ranges = (today: string) => revenuePresets(today).map(({ label, groupBy, from, to }) => [label, groupBy, from, to]);

describe('revenuePresets', () => {
  it.each([
    [
      'mid-quarter',
      '2026-05-17',
      [
        ['Last 30 days', 'day', '2026-04-18', '2026-05-17'],
        ['Last 12 months', 'month', '2025-06-01', '2026-05-17'],
        ['Last quarter', 'quarter', '2026-01-01', '2026-03-31'],
        ['This year by quarter', 'quarter', '2026-01-01', '2026-05-17'],
      ],
    ],
    [
      'on New Year’s Day',
      '2026-01-01',
      [
        ['Last 30 days', 'day', '2025-12-03', '2026-01-01'],
        ['Last 12 months', 'month', '2025-02-01', '2026-01-01'],
        ['Last quarter', 'quarter', '2025-10-01', '2025-12-31'],
        ['This year by quarter', 'quarter', '2026-01-01', '2026-01-01'],
      ],
    ],
    [
      'on New Year’s Eve',
      '2025-12-31',
      [
        ['Last 30 days', 'day', '2025-12-02', '2025-12-31'],
        ['Last 12 months', 'month', '2025-01-01', '2025-12-31'],
        ['Last quarter', 'quarter', '2025-07-01', '2025-09-30'],
        ['This year by quarter', 'quarter', '2025-01-01', '2025-12-31'],
      ],
    ],
    [
      'on the first day of a quarter',
      '2026-04-01',
      [
        ['Last 30 days', 'day', '2026-03-03', '2026-04-01'],
        ['Last 12 months', 'month', '2025-05-01', '2026-04-01'],
        ['Last quarter', 'quarter', '2026-01-01', '2026-03-31'],
        ['This year by quarter', 'quarter', '2026-01-01', '2026-04-01'],
      ],
    ],
    [
      'on a leap day',
      '2024-02-29',
      [
        ['Last 30 days', 'day', '2024-01-31', '2024-02-29'],
        ['Last 12 months', 'month', '2023-03-01', '2024-02-29'],
        ['Last quarter', 'quarter', '2023-10-01', '2023-12-31'],
        ['This year by quarter', 'quarter', '2024-01-01', '2024-02-29'],
      ],
    ],
  ])('%s (%s)', (_, today, expected) => {
    expect(ranges(today)).toEqual(expected);
  });

  it('turns over at midnight in REPORT_TZ, not in UTC', () => {
    const timeZone = 'Asia/Shanghai';
    // 2026-03-31 23:59:59.999 and 2026-04-01 00:00 in Shanghai.
    const lastInstantOfQ1 = localDate(new Date('2026-03-31T15:59:59.999Z'), timeZone);
    const firstInstantOfQ2 = localDate(new Date('2026-03-31T16:00:00Z'), timeZone);
    expect(revenuePresets(lastInstantOfQ1)[2]).toMatchObject({ from: '2025-10-01', to: '2025-12-31' });
    expect(revenuePresets(firstInstantOfQ2)[2]).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    // Still 2026-03-31 in UTC: a UTC calendar would keep the old quarter for eight more hours.
    expect(localDate(new Date('2026-03-31T16:00:00Z'), 'UTC')).toBe('2026-03-31');
  });
});
