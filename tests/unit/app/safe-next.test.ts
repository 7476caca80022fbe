import { describe, expect, it } from 'vitest';
import { safeNext } from '@/app/_components/format';

describe('safeNext (where sign-in returns to)', () => {
  it.each([
    ['/checkout', '/checkout'],
    ['/orders/123?x=1#top', '/orders/123?x=1#top'],
    ['/a/../checkout', '/checkout'],
    // Encoded slashes stay encoded: a path on this origin, not a host.
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/%5C%5Cevil.example', '/%5C%5Cevil.example'],
    ['/javascript:alert(1)', '/javascript:alert(1)'],
  ])('keeps the same-site path %j', (input, expected) => expect(safeNext(input)).toBe(expected));

  it.each([
    '//evil.com',
    '/\\evil.com',
    '/\t/evil.com',
    '/\n/evil.com',
    '/\r\n/evil.com',
    '/.//evil.example',
    '/..//evil.example',
    '/a/..//evil.example',
    '/%2e//evil.example',
    '/%2e%2e//evil.example',
    '/./\\evil.example',
    '\\/evil.example',
    'javascript:alert(1)',
    ' /evil.example',
    'https://evil.com',
    'evil.com',
    '',
    undefined,
  ])('sends %j home instead of off-site', (input) => expect(safeNext(input)).toBe('/'));

  it('reads the first value of a repeated parameter', () => {
    expect(safeNext(['/.//evil.example', '/checkout'])).toBe('/');
    expect(safeNext(['/checkout', '//evil.example'])).toBe('/checkout');
  });
});
