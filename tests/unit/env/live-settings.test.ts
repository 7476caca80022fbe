// Live mode holds the operator to what the README promises: an HTTPS notify URL without a query
// string, and a strong operator password.
import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';
import { TEST_ENV } from '@/tests/support/test-env';

const LIVE = {
  ...TEST_ENV,
  WXPAY_MODE: 'live',
  WXPAY_NOTIFY_URL: 'https://shop.example.com/api/wxpay/notify',
  ADMIN_USERNAME: 'operator',
  ADMIN_PASSWORD: 'Tea-house-2026',
};

const live = (overrides: Record<string, string>) => parseEnv({ ...LIVE, ...overrides });

describe('live WXPAY_NOTIFY_URL', () => {
  it('accepts an https URL with a path', () => {
    expect(live({}).WXPAY_NOTIFY_URL).toBe(LIVE.WXPAY_NOTIFY_URL);
  });

  it.each([
    'http://shop.example.com/api/wxpay/notify',
    'https://shop.example.com/api/wxpay/notify?from=wechat',
    'https://shop.example.com/api/wxpay/notify?',
    'https://shop.example.com/api/wxpay/notify#x',
    'ftp://shop.example.com/api/wxpay/notify',
  ])('refuses %s, naming the variable', (url) => {
    expect(() => live({ WXPAY_NOTIFY_URL: url })).toThrow(EnvError);
    expect(() => live({ WXPAY_NOTIFY_URL: url })).toThrow(/^WXPAY_NOTIFY_URL: must be an https:\/\/ URL without a query string or fragment in live mode$/);
  });

  it('is not held to it in sandbox mode, whose default is plain http', () => {
    expect(parseEnv({ ...TEST_ENV, WXPAY_NOTIFY_URL: 'http://127.0.0.1:3000/api/wxpay/notify?x=1' }).WXPAY_NOTIFY_URL).toMatch(/^http:/);
  });
});

describe('live ADMIN_PASSWORD', () => {
  it.each(['Tea-house-2026', 'teahouse2026!', 'TEAHOUSE-2026', 'Teahouse2026', '茶舍茶舍Teahouse12'])('accepts %s', (password) => {
    expect(live({ ADMIN_PASSWORD: password }).ADMIN_PASSWORD).toBe(password);
  });

  it.each([
    ['Tea-house-1', 'at least 12 characters'],
    ['admin-test-password', 'at least 3 of'],
    ['teahouseteahouse', 'at least 3 of'],
    ['123456789012', 'at least 3 of'],
    ['My-Operator-2026', 'must not contain ADMIN_USERNAME'],
    ['OPERATOR-pass-1', 'must not contain ADMIN_USERNAME'],
  ])('refuses %s (%s), naming the variable', (password, why) => {
    expect(() => live({ ADMIN_PASSWORD: password })).toThrow(new RegExp(`^ADMIN_PASSWORD: .*${why}.* in live mode$`));
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    expect(() => live({ ADMIN_PASSWORD: '茶舍A1茶舍A1茶舍' })).toThrow(/at least 12 characters/);
  });

  it('is not held to it in sandbox mode', () => {
    expect(parseEnv({ ...TEST_ENV, ADMIN_PASSWORD: 'admin-test-password' }).ADMIN_PASSWORD).toBe('admin-test-password');
  });

  it('stays optional in live mode (no operator account is bootstrapped then)', () => {
    const { ADMIN_PASSWORD: _, ...withoutPassword } = LIVE;
    expect(parseEnv(withoutPassword).ADMIN_PASSWORD).toBeUndefined();
  });
});
