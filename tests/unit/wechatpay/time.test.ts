import { describe, expect, it } from 'vitest';
import { formatWxTime, parseWxTime } from '@/lib/wechatpay/time';

describe('formatWxTime', () => {
  it('writes Beijing wall-clock time whatever the server TZ', () => {
    expect(formatWxTime(new Date('2026-01-01T00:00:00Z'))).toBe('20260101080000');
    expect(formatWxTime(new Date('2025-12-31T16:00:00Z'))).toBe('20260101000000');
    expect(formatWxTime(new Date('2026-03-09T07:05:09.999Z'))).toBe('20260309150509');
  });

  it('throws on an invalid Date', () => {
    expect(() => formatWxTime(new Date('nope'))).toThrow(RangeError);
  });

  it('throws on a year that does not fit four digits', () => {
    expect(() => formatWxTime(new Date('+010000-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('parseWxTime', () => {
  it('reads Beijing wall-clock time', () => {
    expect(parseWxTime('20260101080000').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseWxTime('20141111170043').toISOString()).toBe('2014-11-11T09:00:43.000Z');
  });

  it('is the inverse of formatWxTime', () => {
    const d = new Date('2024-02-29T23:59:59Z');
    expect(parseWxTime(formatWxTime(d)).getTime()).toBe(d.getTime());
  });

  it('throws on a bad format', () => {
    for (const s of ['', '2026010108000', '202601010800000', '2026-01-01 08:00', '2026010108000a', ' 20260101080000']) {
      expect(() => parseWxTime(s), s).toThrow(RangeError);
    }
  });

  it('throws on impossible dates', () => {
    for (const s of ['20261301080000', '20260230080000', '20250229080000', '20260101240000', '20260101086000', '20260101080060', '20260100080000']) {
      expect(() => parseWxTime(s), s).toThrow(RangeError);
    }
  });
});
