import { describe, expect, it } from 'vitest';
import { safeNext } from '@/app/_components/format';

describe('safeNext (where sign-in returns to)', () => {
  it.each([
    ['/checkout', '/checkout'],
    ['/orders/123?x=1#top', '/orders/123?x=1#top'],
  ])('keeps the same-site path %s', (input, expected) => expect(safeNext(input)).toBe(expected));

  it.each(['//evil.com', '/\\evil.com', '/\t/evil.com', '/\n/evil.com', 'https://evil.com', 'evil.com', '', undefined])(
    'sends %j home instead of off-site',
    (input) => expect(safeNext(input)).toBe('/'),
  );
});
