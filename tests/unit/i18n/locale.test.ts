import { describe, expect, it } from 'vitest';
import { parseAcceptLanguage, resolveLocale } from '@/lib/i18n/locale';

describe('resolveLocale', () => {
  it('defaults to Chinese without a cookie or header', () => {
    expect(resolveLocale({})).toBe('zh-CN');
    expect(resolveLocale({ cookie: null, acceptLanguage: '' })).toBe('zh-CN');
  });

  it('prefers a valid cookie over Accept-Language', () => {
    expect(resolveLocale({ cookie: 'en', acceptLanguage: 'zh-CN' })).toBe('en');
    expect(resolveLocale({ cookie: 'zh-CN', acceptLanguage: 'en-US' })).toBe('zh-CN');
  });

  it('ignores a cookie naming a locale we do not have', () => {
    expect(resolveLocale({ cookie: 'fr', acceptLanguage: 'en-US' })).toBe('en');
    expect(resolveLocale({ cookie: 'EN', acceptLanguage: undefined })).toBe('zh-CN');
  });

  it.each([
    ['*', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['en', 'en'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['fr-FR, de;q=0.8', 'zh-CN'],
    ['fr-FR, en;q=0.5, zh;q=0.4', 'en'],
    ['zh;q=0.2, en;q=0.8', 'en'],
    ['en;q=0, zh', 'zh-CN'],
    ['*;q=1, en;q=0.1', 'en'],
    ['en;q=abc, zh', 'zh-CN'],
    [';;;,,,=q', 'zh-CN'],
    ['en-US;q=1.5', 'zh-CN'],
    ['\u0000garbage\uffff', 'zh-CN'],
  ])('Accept-Language %j → %s', (header, expected) => {
    expect(resolveLocale({ acceptLanguage: header })).toBe(expected);
  });
});

describe('parseAcceptLanguage', () => {
  it('orders by q, then by position, and lower-cases tags', () => {
    expect(parseAcceptLanguage('de;q=0.5, EN-us, fr;q=0.5, zh-CN;q=0.9')).toEqual(['en-us', 'zh-cn', 'de', 'fr']);
  });

  it('drops * and q=0 entries', () => {
    expect(parseAcceptLanguage('*, en;q=0, zh;q=0.001')).toEqual(['zh']);
  });
});
