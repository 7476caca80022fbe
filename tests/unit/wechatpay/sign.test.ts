import { describe, expect, it } from 'vitest';
import { isSignType, nonce, sign, signMessage, verify } from '@/lib/wechatpay/sign';
import type { SignType } from '@/lib/wechatpay/types';

// Official worked example, spec §2.3.
const KEY = '192006250b4c09247ec02edce69f6a2d';
const EXAMPLE = {
  appid: 'wxd930ea5d5a258f4f',
  mch_id: '10000100',
  device_info: '1000',
  body: 'test',
  nonce_str: 'ibuaiVcKdpRxkhJA',
};

describe('sign', () => {
  it('reproduces the official MD5 vector', () => {
    expect(sign(EXAMPLE, KEY, 'MD5')).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
  });

  it('reproduces the official HMAC-SHA256 vector', () => {
    expect(sign(EXAMPLE, KEY, 'HMAC-SHA256')).toBe('6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6');
  });

  it('signs sign_type like any other field (derived vectors)', () => {
    expect(sign({ ...EXAMPLE, sign_type: 'HMAC-SHA256' }, KEY, 'HMAC-SHA256')).toBe('2C9DF1156522C0B2B03B4DBF3BCA5CACB602CBD5CA0F9E112458CF3E9855303B');
    expect(sign({ ...EXAMPLE, sign_type: 'MD5' }, KEY, 'MD5')).toBe('6B4978B16793D0C2604CD59C47425A27');
  });

  it('skips empty and undefined values and an existing sign', () => {
    const expected = '9A0A8659F005D6984697E2CA0A9CF3B7';
    expect(sign({ ...EXAMPLE, attach: '' }, KEY, 'MD5')).toBe(expected);
    expect(sign({ ...EXAMPLE, attach: undefined }, KEY, 'MD5')).toBe(expected);
    expect(sign({ ...EXAMPLE, sign: 'ANYTHING' }, KEY, 'MD5')).toBe(expected);
  });

  it('does not depend on field order', () => {
    const reversed = Object.fromEntries(Object.entries(EXAMPLE).reverse());
    expect(sign(reversed, KEY, 'MD5')).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
  });

  it('signs numbers as their decimal text', () => {
    expect(sign({ ...EXAMPLE, total_fee: 100 }, KEY, 'MD5')).toBe(sign({ ...EXAMPLE, total_fee: '100' }, KEY, 'MD5'));
  });

  it('hashes values as UTF-8', () => {
    // md5('body=测试&key=k') computed independently with Python hashlib.
    expect(sign({ body: '测试' }, 'k', 'MD5')).toBe('4C79BE9687884ECB3797D8FD00330E76');
  });

  it('refuses an unknown sign type instead of guessing', () => {
    expect(() => sign(EXAMPLE, KEY, 'md5' as SignType)).toThrow(TypeError);
  });
});

describe('verify', () => {
  const signed = { ...EXAMPLE, sign: '9A0A8659F005D6984697E2CA0A9CF3B7' };

  it('accepts the official example', () => {
    expect(verify(signed, KEY, 'MD5')).toBe(true);
  });

  it('rejects a tampered value', () => {
    expect(verify({ ...signed, body: 'test2' }, KEY, 'MD5')).toBe(false);
  });

  it('rejects an added field', () => {
    expect(verify({ ...signed, total_fee: '1' }, KEY, 'MD5')).toBe(false);
  });

  it('rejects a tampered sign', () => {
    expect(verify({ ...signed, sign: '9A0A8659F005D6984697E2CA0A9CF3B8' }, KEY, 'MD5')).toBe(false);
  });

  it('rejects a missing or empty sign', () => {
    expect(verify({ ...EXAMPLE }, KEY, 'MD5')).toBe(false);
    expect(verify({ ...EXAMPLE, sign: '' }, KEY, 'MD5')).toBe(false);
  });

  it('is case-sensitive: a lower-case copy of the right sign is rejected', () => {
    expect(verify({ ...signed, sign: signed.sign.toLowerCase() }, KEY, 'MD5')).toBe(false);
  });

  it('rejects a sign of the wrong length without throwing', () => {
    expect(verify({ ...signed, sign: '9A0A' }, KEY, 'MD5')).toBe(false);
  });

  it('rejects the right sign checked with the other algorithm or key', () => {
    expect(verify(signed, KEY, 'HMAC-SHA256')).toBe(false);
    expect(verify(signed, KEY.replace('1', '2'), 'MD5')).toBe(false);
  });
});

describe('signMessage', () => {
  it('returns the fields as strings plus a sign that verifies', () => {
    const message = signMessage({ ...EXAMPLE, total_fee: 1, attach: undefined }, KEY, 'HMAC-SHA256');
    expect(message).toEqual({ ...EXAMPLE, total_fee: '1', sign: sign({ ...EXAMPLE, total_fee: 1 }, KEY, 'HMAC-SHA256') });
    expect(verify(message, KEY, 'HMAC-SHA256')).toBe(true);
  });

  it('reproduces the official example', () => {
    expect(signMessage(EXAMPLE, KEY, 'MD5').sign).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
  });
});

describe('nonce', () => {
  it('is 32 alphanumerics by default and differs between calls', () => {
    const a = nonce();
    expect(a).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(nonce()).not.toBe(a);
  });

  it('honours the length', () => {
    expect(nonce(16)).toMatch(/^[0-9A-Za-z]{16}$/);
  });
});

describe('isSignType', () => {
  it('accepts exactly the two documented literals', () => {
    expect(isSignType('MD5')).toBe(true);
    expect(isSignType('HMAC-SHA256')).toBe(true);
    expect(isSignType('md5')).toBe(false);
    expect(isSignType('SHA256')).toBe(false);
    expect(isSignType(undefined)).toBe(false);
  });
});
