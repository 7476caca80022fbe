// The cart lines of a checkout as one reservation each, before any database work.
import { describe, expect, it } from 'vitest';
import { mergeLines } from '@/lib/orders/create-order';
import { AppError } from '@/lib/errors';

describe('mergeLines', () => {
  it.each([
    ['no lines', [], []],
    ['one line', [{ productId: 7, quantity: 2 }], [{ productId: 7, quantity: 2 }]],
    [
      'lines sorted by product id',
      [
        { productId: 9, quantity: 1 },
        { productId: 2, quantity: 3 },
        { productId: 5, quantity: 1 },
      ],
      [
        { productId: 2, quantity: 3 },
        { productId: 5, quantity: 1 },
        { productId: 9, quantity: 1 },
      ],
    ],
    [
      'the same product twice summed into one line',
      [
        { productId: 4, quantity: 2 },
        { productId: 1, quantity: 1 },
        { productId: 4, quantity: 5 },
      ],
      [
        { productId: 1, quantity: 1 },
        { productId: 4, quantity: 7 },
      ],
    ],
    [
      'exactly 99 of one product, merged',
      [
        { productId: 3, quantity: 50 },
        { productId: 3, quantity: 49 },
      ],
      [{ productId: 3, quantity: 99 }],
    ],
  ])('%s', (_, items, lines) => {
    expect(mergeLines(items)).toEqual(lines);
  });

  it.each([
    ['in one line', [{ productId: 3, quantity: 100 }], 3],
    [
      'only once merged',
      [
        { productId: 8, quantity: 1 },
        { productId: 3, quantity: 50 },
        { productId: 3, quantity: 50 },
      ],
      3,
    ],
    [
      'for the lowest such product id',
      [
        { productId: 6, quantity: 100 },
        { productId: 5, quantity: 120 },
      ],
      5,
    ],
  ])('refuses more than 99 of one product %s', (_, items, productId) => {
    let error: unknown;
    try {
      mergeLines(items);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'bad_request', message: 'At most 99 of one product per order', details: { productId } });
  });
});
