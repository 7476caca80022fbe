// The shopper's cart: lines of {productId, quantity} in localStorage, shared by every component
// through useSyncExternalStore. Only ids and quantities are stored: names, prices and stock are
// always read fresh from /api/products, and the server prices the order at checkout.
// Every page's header loads this module in the browser, so it checks what it reads by hand:
// zod here would add about 30 kB (gzipped) to each page's JavaScript.
import 'client-only';
import { useSyncExternalStore } from 'react';

export interface CartLine {
  productId: number;
  quantity: number;
}

export const MAX_QUANTITY = 99;
/** POST /api/orders accepts at most 20 lines. */
export const MAX_LINES = 20;

const STORAGE_KEY = 'teahouse.cart.v1';
const EMPTY: readonly CartLine[] = Object.freeze([]);

const isCount = (v: unknown, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= max;

/** The stored lines, or undefined unless the value is exactly such a list (extra keys dropped). */
export function parseStoredCart(value: unknown): CartLine[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const parsed: CartLine[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) return undefined;
    const { productId, quantity } = item as Record<string, unknown>;
    if (!isCount(productId, Number.MAX_SAFE_INTEGER) || !isCount(quantity, MAX_QUANTITY)) return undefined;
    parsed.push({ productId, quantity });
  }
  return parsed;
}

let lines: readonly CartLine[] | undefined;
const listeners = new Set<() => void>();

function read(): readonly CartLine[] {
  try {
    const parsed = parseStoredCart(JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '[]'));
    return parsed ? parsed.slice(0, MAX_LINES) : EMPTY;
  } catch {
    // Unreadable JSON or storage disabled: start empty rather than fail the page.
    return EMPTY;
  }
}

export function getSnapshot(): readonly CartLine[] {
  lines ??= read();
  return lines;
}

function getServerSnapshot(): readonly CartLine[] {
  return EMPTY;
}

function write(next: CartLine[]) {
  lines = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Private mode or a full quota: the cart still works for this page view.
  }
  listeners.forEach((l) => l());
}

export function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab changed the cart.
  const onStorage = (e: StorageEvent) => {
    if (e.key !== STORAGE_KEY && e.key !== null) return;
    lines = read();
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

const clamp = (n: number) => Math.max(1, Math.min(MAX_QUANTITY, Math.floor(n)));

export const cart = {
  /** False when the cart already holds MAX_LINES other products. */
  add(productId: number, quantity: number): boolean {
    const current = getSnapshot();
    const existing = current.find((l) => l.productId === productId);
    if (existing) {
      write(current.map((l) => (l.productId === productId ? { productId, quantity: clamp(l.quantity + quantity) } : l)));
      return true;
    }
    if (current.length >= MAX_LINES) return false;
    write([...current, { productId, quantity: clamp(quantity) }]);
    return true;
  },
  setQuantity(productId: number, quantity: number) {
    write(getSnapshot().map((l) => (l.productId === productId ? { productId, quantity: clamp(quantity) } : l)));
  },
  remove(productId: number) {
    write(getSnapshot().filter((l) => l.productId !== productId));
  },
  clear() {
    write([]);
  },
  /** Puts an earlier order's lines back: each at least the quantity ordered, other lines kept. */
  restore(items: CartLine[]) {
    const next = [...getSnapshot()];
    for (const item of items) {
      const i = next.findIndex((l) => l.productId === item.productId);
      const line = next[i];
      if (line) next[i] = { productId: item.productId, quantity: clamp(Math.max(line.quantity, item.quantity)) };
      else if (next.length < MAX_LINES) next.push({ productId: item.productId, quantity: clamp(item.quantity) });
    }
    write(next);
  },
};

/** The cart's lines; empty during server rendering and hydration. */
export function useCart(): readonly CartLine[] {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}

export function useCartCount(): number {
  return useCart().reduce((sum, l) => sum + l.quantity, 0);
}
