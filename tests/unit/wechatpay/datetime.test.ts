import { describe, expect, it } from 'vitest';
import { formatWxDateTime, parseWxDateTime } from '@/lib/wechatpay/datetime';

describe('yyyy-MM-dd HH:mm:ss (Beijing)', () => {
  it('reads Beijing wall-clock time whatever the server time zone', () => {
    expect(parseWxDateTime('2017-11-25 15:36:17')).toEqual(new Date('2017-11-25T07:36:17Z'));
    expect(parseWxDateTime('2026-01-01 00:00:00')).toEqual(new Date('2025-12-31T16:00:00Z'));
    expect(formatWxDateTime(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01 00:00:00');
  });

  it.each(['20171125153617', '2017-11-25T15:36:17', '2017-02-30 00:00:00', '2017-11-25 24:00:00', '2017-11-25 15:36', ''])('refuses %j', (text) => {
    expect(() => parseWxDateTime(text)).toThrow(RangeError);
  });
});
