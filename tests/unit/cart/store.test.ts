import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_QUANTITY, parseStoredCart } from '@/lib/cart/store';

describe('parseStoredCart (what localStorage may hold)', () => {
  it('keeps well-formed lines, without extra keys', () => {
    expect(
      parseStoredCart([
        { productId: 3, quantity: 2, name: 'x' },
        { productId: 9, quantity: MAX_QUANTITY },
      ]),
    ).toEqual([
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

// The store as the browser runs it: a fresh module per test over a fake window whose localStorage
// is a Map and whose 'storage' listeners the test fires by hand, as another tab would.
const KEY = 'teahouse.cart.v1';

class FakeWindow {
  readonly items = new Map<string, string>();
  readonly storageListeners = new Set<(e: { key: string | null }) => void>();
  failGet = false;
  failSet = false;
  readonly localStorage = {
    getItem: (key: string) => {
      if (this.failGet) throw new Error('SecurityError: storage is disabled');
      return this.items.get(key) ?? null;
    },
    setItem: (key: string, value: string) => {
      if (this.failSet) throw new Error('QuotaExceededError');
      this.items.set(key, value);
    },
  };

  addEventListener(type: string, listener: (e: { key: string | null }) => void) {
    if (type === 'storage') this.storageListeners.add(listener);
  }

  removeEventListener(type: string, listener: (e: { key: string | null }) => void) {
    if (type === 'storage') this.storageListeners.delete(listener);
  }

  /** Another tab wrote `value` (undefined: cleared all storage). */
  otherTab(key: string | null, value?: string) {
    if (key !== null && value !== undefined) this.items.set(key, value);
    if (key === null) this.items.clear();
    this.storageListeners.forEach((l) => l({ key }));
  }

  stored(): unknown {
    const text = this.items.get(KEY);
    return text === undefined ? undefined : JSON.parse(text);
  }
}

let win: FakeWindow;

/** A fresh store module over a fake window holding `stored` (raw text) under the cart's key. */
async function load(stored?: string) {
  win = new FakeWindow();
  if (stored !== undefined) win.items.set(KEY, stored);
  vi.stubGlobal('window', win);
  vi.resetModules();
  return import('@/lib/cart/store');
}

const lines = (...pairs: [number, number][]) => pairs.map(([productId, quantity]) => ({ productId, quantity }));
const manyLines = (n: number, from = 1) => lines(...Array.from({ length: n }, (_, i) => [from + i, 1] as [number, number]));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the cart store: reading localStorage', () => {
  it('starts from what is stored', async () => {
    const store = await load(JSON.stringify(lines([3, 2], [9, 1])));
    expect(store.getSnapshot()).toEqual(lines([3, 2], [9, 1]));
  });

  it.each([
    ['nothing stored', undefined],
    ['unreadable JSON', '[{"productId":1,'],
    ['JSON of the wrong shape', '{"productId":1,"quantity":1}'],
    [
      'a line with a bad quantity',
      JSON.stringify([
        { productId: 1, quantity: 1 },
        { productId: 2, quantity: 100 },
      ]),
    ],
    ['the JSON literal null', 'null'],
  ])('starts empty with %s', async (_, stored) => {
    const store = await load(stored);
    expect(store.getSnapshot()).toEqual([]);
  });

  it('starts empty when storage is disabled', async () => {
    const store = await load();
    win.failGet = true;
    expect(store.getSnapshot()).toEqual([]);
  });

  it('keeps only the first MAX_LINES of a longer stored list', async () => {
    const store = await load(JSON.stringify(manyLines(25)));
    expect(store.getSnapshot()).toEqual(manyLines(store.MAX_LINES));
  });

  it('returns the same snapshot until the cart changes (useSyncExternalStore relies on it)', async () => {
    const store = await load(JSON.stringify(lines([1, 1])));
    const first = store.getSnapshot();
    expect(store.getSnapshot()).toBe(first);
    store.cart.add(2, 1);
    const second = store.getSnapshot();
    expect(second).not.toBe(first);
    expect(store.getSnapshot()).toBe(second);
  });
});

describe('the cart store: changes', () => {
  it('adds a new product as a new line at the end and stores it', async () => {
    const { cart, getSnapshot } = await load(JSON.stringify(lines([5, 1])));
    expect(cart.add(2, 3)).toBe(true);
    expect(getSnapshot()).toEqual(lines([5, 1], [2, 3]));
    expect(win.stored()).toEqual(lines([5, 1], [2, 3]));
  });

  it('adds to the line of a product already in the cart, in place', async () => {
    const { cart, getSnapshot } = await load(JSON.stringify(lines([5, 1], [2, 3], [7, 1])));
    expect(cart.add(2, 4)).toBe(true);
    expect(getSnapshot()).toEqual(lines([5, 1], [2, 7], [7, 1]));
  });

  it.each([
    ['caps a sum at MAX_QUANTITY', [[1, 98]], 5, [[1, 99]]],
    ['caps a new line at MAX_QUANTITY', [], 500, [[1, 99]]],
    ['rounds a fractional quantity down', [], 2.9, [[1, 2]]],
    ['adds at least one', [], 0, [[1, 1]]],
    ['keeps at least one when a negative amount is added', [[1, 5]], -10, [[1, 1]]],
  ] as [string, [number, number][], number, [number, number][]][])('%s', async (_, before, quantity, after) => {
    const { cart, getSnapshot } = await load(JSON.stringify(lines(...before)));
    cart.add(1, quantity);
    expect(getSnapshot()).toEqual(lines(...after));
  });

  it('refuses a new product when the cart holds MAX_LINES lines, but still adds to one of them', async () => {
    const { cart, getSnapshot, MAX_LINES } = await load(JSON.stringify(manyLines(20)));
    expect(MAX_LINES).toBe(20);
    const full = getSnapshot();
    expect(cart.add(21, 1)).toBe(false);
    expect(getSnapshot()).toBe(full);
    expect(cart.add(20, 1)).toBe(true);
    expect(getSnapshot()).toHaveLength(20);
    expect(getSnapshot()[19]).toEqual({ productId: 20, quantity: 2 });
  });

  it('sets a quantity within 1…MAX_QUANTITY, leaving other lines and unknown products alone', async () => {
    const { cart, getSnapshot } = await load(JSON.stringify(lines([1, 2], [2, 2])));
    cart.setQuantity(1, 5);
    expect(getSnapshot()).toEqual(lines([1, 5], [2, 2]));
    cart.setQuantity(1, 0);
    expect(getSnapshot()).toEqual(lines([1, 1], [2, 2]));
    cart.setQuantity(2, 1000);
    expect(getSnapshot()).toEqual(lines([1, 1], [2, 99]));
    cart.setQuantity(2, 7.5);
    expect(getSnapshot()).toEqual(lines([1, 1], [2, 7]));
    cart.setQuantity(3, 4);
    expect(getSnapshot()).toEqual(lines([1, 1], [2, 7]));
    expect(win.stored()).toEqual(lines([1, 1], [2, 7]));
  });

  it('removes one product, and clears all', async () => {
    const { cart, getSnapshot } = await load(JSON.stringify(lines([1, 2], [2, 2], [3, 1])));
    cart.remove(2);
    expect(getSnapshot()).toEqual(lines([1, 2], [3, 1]));
    cart.remove(42);
    expect(getSnapshot()).toEqual(lines([1, 2], [3, 1]));
    cart.clear();
    expect(getSnapshot()).toEqual([]);
    expect(win.stored()).toEqual([]);
  });

  it('restores an earlier order: each line at least as ordered, other lines kept, new ones appended', async () => {
    const { cart, getSnapshot } = await load(JSON.stringify(lines([1, 5], [2, 1], [9, 2])));
    cart.restore(lines([2, 3], [1, 2], [4, 150], [5, 1]));
    expect(getSnapshot()).toEqual(lines([1, 5], [2, 3], [9, 2], [4, 99], [5, 1]));
  });

  it('restores into an empty cart, merging repeated products', async () => {
    const { cart, getSnapshot } = await load();
    cart.restore(lines([3, 2], [3, 6], [3, 1]));
    expect(getSnapshot()).toEqual(lines([3, 6]));
  });

  it('restores only up to MAX_LINES lines, still raising the quantities of lines it has', async () => {
    const { cart, getSnapshot } = await load(JSON.stringify(manyLines(19)));
    cart.restore(lines([30, 1], [31, 1], [1, 4]));
    expect(getSnapshot()).toEqual([{ productId: 1, quantity: 4 }, ...manyLines(18, 2), { productId: 30, quantity: 1 }]);
  });

  it('keeps working for this page view when storage refuses to write', async () => {
    const { cart, getSnapshot, subscribe } = await load(JSON.stringify(lines([1, 1])));
    win.failSet = true;
    const listener = vi.fn();
    subscribe(listener);
    cart.add(2, 2);
    expect(getSnapshot()).toEqual(lines([1, 1], [2, 2]));
    expect(win.stored()).toEqual(lines([1, 1]));
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('the cart store: subscribers', () => {
  it('tells every subscriber of each change, and no longer once unsubscribed', async () => {
    const { cart, subscribe } = await load();
    const a = vi.fn();
    const b = vi.fn();
    const stopA = subscribe(a);
    subscribe(b);
    cart.add(1, 1);
    cart.setQuantity(1, 3);
    expect(a).toHaveBeenCalledTimes(2);
    expect(b).toHaveBeenCalledTimes(2);
    stopA();
    cart.remove(1);
    cart.clear();
    expect(a).toHaveBeenCalledTimes(2);
    expect(b).toHaveBeenCalledTimes(4);
  });

  it('rereads the cart when another tab changes it, or clears all storage', async () => {
    const { getSnapshot, subscribe } = await load(JSON.stringify(lines([1, 1])));
    const listener = vi.fn();
    subscribe(listener);
    expect(getSnapshot()).toEqual(lines([1, 1]));
    win.otherTab(KEY, JSON.stringify(lines([1, 4], [6, 2])));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(getSnapshot()).toEqual(lines([1, 4], [6, 2]));
    win.otherTab(null);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(getSnapshot()).toEqual([]);
  });

  it('reads a corrupted write from another tab as an empty cart', async () => {
    const { getSnapshot, subscribe } = await load(JSON.stringify(lines([1, 1])));
    subscribe(() => {});
    win.otherTab(KEY, 'not json');
    expect(getSnapshot()).toEqual([]);
  });

  it('ignores other keys', async () => {
    const { getSnapshot, subscribe } = await load(JSON.stringify(lines([1, 1])));
    const listener = vi.fn();
    subscribe(listener);
    const before = getSnapshot();
    win.otherTab('theme', 'dark');
    expect(listener).not.toHaveBeenCalled();
    expect(getSnapshot()).toBe(before);
  });

  it('stops listening to other tabs once unsubscribed', async () => {
    const { subscribe } = await load();
    const listener = vi.fn();
    const stop = subscribe(listener);
    expect(win.storageListeners.size).toBe(1);
    stop();
    expect(win.storageListeners.size).toBe(0);
    win.otherTab(KEY, JSON.stringify(lines([1, 1])));
    expect(listener).not.toHaveBeenCalled();
  });
});
