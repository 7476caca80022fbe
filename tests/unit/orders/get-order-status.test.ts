// When the status route asks WeChat: an order older than 2 minutes (its notify may be lost) or
// expiring within a minute. The 10 s throttle is the database's, tested in
// tests/integration/orders/status-query.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryDue } from '@/lib/orders/get-order-status';

const NOW = Date.parse('2026-12-01T06:00:00Z');
const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

const order = (ageMs: number, expiresInMs: number) => ({ createdAt: new Date(NOW - ageMs), expiresAt: new Date(NOW + expiresInMs) });

describe('queryDue', () => {
  it.each([
    ['a fresh order far from expiry', 0, 15 * MINUTE, false],
    ['an order exactly 2 minutes old', 2 * MINUTE, 13 * MINUTE, false],
    ['an order 2 minutes and 1 ms old', 2 * MINUTE + 1, 13 * MINUTE, true],
    ['an order an hour old', 60 * MINUTE, 13 * MINUTE, true],
    ['an order exactly 1 minute before expiry', 0, MINUTE, false],
    ['an order 1 minute less 1 ms before expiry', 0, MINUTE - 1, true],
    ['an order at its expiry instant', 0, 0, true],
    ['an order already expired', 0, -MINUTE, true],
    ['an order both old and about to expire', 3 * MINUTE, 30_000, true],
    ['an order at both boundaries at once', 2 * MINUTE, MINUTE, false],
  ])('%s: %s', (_, ageMs, expiresInMs, due) => {
    expect(queryDue(order(ageMs, expiresInMs))).toBe(due);
  });

  it('reads the clock at each call', () => {
    const o = order(2 * MINUTE, 13 * MINUTE);
    expect(queryDue(o)).toBe(false);
    vi.setSystemTime(NOW + 1);
    expect(queryDue(o)).toBe(true);
  });
});
