import { describe, expect, it } from 'vitest';
import { feeTypeOf, parseFen } from '@/lib/wechatpay/amount';

describe('parseFen', () => {
  it('reads plain digits', () => {
    expect(parseFen('1')).toBe(1);
    expect(parseFen('0')).toBe(0);
    expect(parseFen('000123')).toBe(123);
  });

  it('refuses anything that is not plain digits', () => {
    for (const s of ['', ' 1', '1 ', '-1', '+1', '1.0', '1e3', '0x10', '１']) {
      expect(parseFen(s), s).toBeUndefined();
    }
    expect(parseFen(undefined)).toBeUndefined();
  });

  it('refuses integers beyond exact float range', () => {
    expect(parseFen('9007199254740993')).toBeUndefined();
  });
});

describe('feeTypeOf', () => {
  it('is the message’s fee_type, CNY when absent or empty', () => {
    expect(feeTypeOf({ fee_type: 'USD' })).toBe('USD');
    expect(feeTypeOf({ fee_type: 'CNY' })).toBe('CNY');
    expect(feeTypeOf({})).toBe('CNY');
    expect(feeTypeOf({ fee_type: '' })).toBe('CNY');
  });
});
