// The sweep's decisions without WeChat or a database: what each orderquery and closeorder answer
// leads to. settleOrder's I/O is exercised against the sandbox in tests/integration/sweep.
import { describe, expect, it } from 'vitest';
import type { PaymentOutcome } from '@/lib/payments/apply-payment';
import { settled, stepAfterCloseOrder, stepAfterQuery, type StepAfterCloseOrder, type StepAfterQuery } from '@/lib/sweep/settle-order';
import { TRADE_STATES, type TradeState } from '@/lib/wechatpay';

// Every trade state, so that a new one fails here until the sweep has a rule for it.
const afterQuery: Record<TradeState, StepAfterQuery> = {
  // A SUCCESS is applied by queryPayment before any step is taken; were it to reach the step, the
  // order is left for the next sweep, never closed.
  SUCCESS: { action: 'leave' },
  REFUND: { action: 'leave' },
  NOTPAY: { action: 'close-at-wechat' },
  CLOSED: { action: 'close-here', detail: 'sweep: WeChat reports CLOSED' },
  REVOKED: { action: 'close-here', detail: 'sweep: WeChat reports REVOKED' },
  USERPAYING: { action: 'leave' },
  PAYERROR: { action: 'close-at-wechat' },
  ACCEPT: { action: 'leave' },
};

describe('stepAfterQuery', () => {
  it('has an expectation for every trade state', () => {
    expect(Object.keys(afterQuery).sort()).toEqual([...TRADE_STATES].sort());
  });

  it.each(Object.entries(afterQuery))('%s → %o', (tradeState, step) => {
    expect(stepAfterQuery(tradeState as TradeState)).toEqual(step);
  });
});

describe('stepAfterCloseOrder', () => {
  it.each<[string | undefined, StepAfterCloseOrder]>([
    [undefined, { action: 'close-here', detail: 'sweep: closed at WeChat (closeorder accepted)' }],
    ['ORDERPAID', { action: 'query-again' }],
    ['ORDERCLOSED', { action: 'close-here', detail: 'sweep: WeChat reports ORDERCLOSED' }],
    ['ORDERNOTEXIST', { action: 'close-here', detail: 'sweep: WeChat has no such order (ORDERNOTEXIST)' }],
    ['SYSTEMERROR', { action: 'retry' }],
    ['FREQUENCY_LIMITED', { action: 'retry' }],
    ['SIGNERROR', { action: 'retry' }],
    ['', { action: 'retry' }],
  ])('err_code %s → %o', (errCode, step) => {
    expect(stepAfterCloseOrder(errCode)).toEqual(step);
  });
});

describe('settled', () => {
  it.each<[PaymentOutcome, string]>([
    [{ verdict: 'applied' }, 'paid'],
    [{ verdict: 'duplicate' }, 'paid'],
    [{ verdict: 'rejected', detail: 'no such order' }, 'failed'],
    // Held for an operator (orders.unapplied_payment_at): final for the sweep, not retried.
    [{ verdict: 'anomaly', detail: "amount 1 fen does not match the order's 6800 fen" }, 'left'],
  ])('%o counts as %s', (outcome, settlement) => {
    expect(settled(outcome)).toBe(settlement);
  });
});
