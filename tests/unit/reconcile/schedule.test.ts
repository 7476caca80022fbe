import { describe, expect, it } from 'vitest';
import { addBillDays, beijingDate, billDateSchema, dayBounds, isRealBillDate, yesterday } from '@/lib/reconcile/bill-date';
import { dueDays, nextRunAt, parseReconcileAt } from '@/lib/reconcile/reconcile-schedule';

const at = parseReconcileAt('10:30')!;

describe('bill days (Beijing calendar days, yyyyMMdd)', () => {
  it('date an instant in Beijing time, not UTC', () => {
    expect(beijingDate(new Date('2026-11-30T15:59:59Z'))).toBe('20261130');
    expect(beijingDate(new Date('2026-11-30T16:00:00Z'))).toBe('20261201');
    expect(yesterday(new Date('2026-11-30T16:00:00Z'))).toBe('20261130');
  });

  it('span 24 hours from 00:00 +08:00', () => {
    expect(dayBounds('20261201').map((d) => d.toISOString())).toEqual(['2026-11-30T16:00:00.000Z', '2026-12-01T16:00:00.000Z']);
  });

  it('add days across months and years', () => {
    expect(addBillDays('20261231', 1)).toBe('20270101');
    expect(addBillDays('20240301', -1)).toBe('20240229');
  });

  it('accept only real dates, and none after today', () => {
    expect(['20261201', '20240229'].every(isRealBillDate)).toBe(true);
    expect(['20230229', '20261301', '2026121', '2026-12-01', ''].some(isRealBillDate)).toBe(false);
    expect(billDateSchema.safeParse(addBillDays(beijingDate(new Date()), 1)).success).toBe(false);
    expect(billDateSchema.safeParse(beijingDate(new Date())).success).toBe(true);
  });
});

describe('the daily run at RECONCILE_AT', () => {
  it('reads off as no run', () => {
    expect(parseReconcileAt('off')).toBeNull();
    expect(parseReconcileAt('00:05')).toEqual({ hour: 0, minute: 5 });
  });

  it('is next today when today’s time is still ahead, else tomorrow (Beijing time)', () => {
    // 10:29 and 10:30 in Beijing on 2026-12-01.
    expect(nextRunAt(new Date('2026-12-01T02:29:00Z'), at).toISOString()).toBe('2026-12-01T02:30:00.000Z');
    expect(nextRunAt(new Date('2026-12-01T02:30:00Z'), at).toISOString()).toBe('2026-12-02T02:30:00.000Z');
  });

  it('makes yesterday due only once today’s run time has passed, and catches up at most the last 3 days', () => {
    expect(dueDays(new Date('2026-12-01T02:29:59Z'), at, 3)).toEqual(['20261129', '20261128', '20261127']);
    expect(dueDays(new Date('2026-12-01T02:30:00Z'), at, 3)).toEqual(['20261130', '20261129', '20261128']);
  });
});
