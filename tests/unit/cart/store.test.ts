import { describe, expect, it } from 'vitest';
import { MAX_QUANTITY, parseStoredCart } from '@/lib/cart/store';

describe('parseStoredCart (what localStorage may hold)', () => {
  it('keeps well-formed lines, without extra keys', () => {
    expect(parseStoredCart([{ productId: 3, quantity: 2, name: 'x' }, { productId: 9, quantity: MAX_QUANTITY }])).toEqual([
      { productId: 3, quantity: 2 },
      { productId: 9, quantity: MAX_QUANTITY },
    ]);
    expect(parseStoredCart([])).toEqual([]);
  });

  it.each([
    ['not a list', { productId: 1, quantity: 1 }],
    ['null', null],
    ['a null line', [null]],
    ['a line that is a list', [[1, 1]]],
    ['a string id', [{ productId: '1', quantity: 1 }]],
    ['id 0', [{ productId: 0, quantity: 1 }]],
    ['a fractional quantity', [{ productId: 1, quantity: 1.5 }]],
    ['quantity 0', [{ productId: 1, quantity: 0 }]],
    ['quantity above the maximum', [{ productId: 1, quantity: MAX_QUANTITY + 1 }]],
    ['an unsafe integer id', [{ productId: 2 ** 53, quantity: 1 }]],
    ['one bad line among good ones', [{ productId: 1, quantity: 1 }, { productId: 2 }]],
  ])('rejects %s', (_, value) => expect(parseStoredCart(value)).toBeUndefined());
});
