import { describe, expect, it } from 'vitest';
import { addDays, localDate, localDateTime, startOfLocalDay } from '@/lib/admin/zoned-time';

describe('startOfLocalDay', () => {
  it('is local midnight in the zone', () => {
    expect(startOfLocalDay('2026-01-01', 'Asia/Shanghai').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(startOfLocalDay('2026-07-01', 'UTC').toISOString()).toBe('2026-07-01T00:00:00.000Z');
    expect(startOfLocalDay('2026-01-01', 'Asia/Kolkata').toISOString()).toBe('2025-12-31T18:30:00.000Z');
  });

  it('follows daylight saving time', () => {
    expect(startOfLocalDay('2025-03-09', 'America/New_York').toISOString()).toBe('2025-03-09T05:00:00.000Z');
    expect(startOfLocalDay('2025-03-10', 'America/New_York').toISOString()).toBe('2025-03-10T04:00:00.000Z');
    expect(startOfLocalDay('2025-11-02', 'America/New_York').toISOString()).toBe('2025-11-02T04:00:00.000Z');
    expect(startOfLocalDay('2025-11-03', 'America/New_York').toISOString()).toBe('2025-11-03T05:00:00.000Z');
    expect(startOfLocalDay('2025-03-30', 'Europe/Berlin').toISOString()).toBe('2025-03-29T23:00:00.000Z');
  });

  it('starts a day whose midnight does not exist at its first instant', () => {
    // Santiago skips 00:00–01:00 when DST begins (2025-09-07).
    expect(startOfLocalDay('2025-09-07', 'America/Santiago').toISOString()).toBe('2025-09-07T04:00:00.000Z');
  });
});

describe('localDate / localDateTime / addDays', () => {
  it('reads the wall clock of an instant', () => {
    expect(localDate(new Date('2025-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-01-01');
    expect(localDate(new Date('2025-12-31T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2025-12-31');
    expect(localDateTime(new Date('2026-03-09T07:05:09Z'), 'Asia/Shanghai')).toBe('2026-03-09 15:05:09');
  });

  it('adds calendar days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});
