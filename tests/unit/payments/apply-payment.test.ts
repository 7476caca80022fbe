// The payment judgement without a database: what a payment that did not move a pending order to
// paid is recorded as. applyPayment itself is exercised against PostgreSQL and PGlite in
// tests/integration/payments.
import { describe, expect, it } from 'vitest';
import { judge, type OrderState, type PaymentFact } from '@/lib/payments/apply-payment';

const fact = (overrides: Partial<PaymentFact> = {}): PaymentFact => ({
  orderNo: '20261201000000000001',
  transactionId: '4200000001202612010000000001',
  totalFee: 6800,
  paidAt: new Date('2026-12-01T06:00:00Z'),
  source: 'notify',
  tradeState: 'SUCCESS',
  raw: {},
  ...overrides,
});

const order = (overrides: Partial<OrderState> = {}): OrderState => ({ status: 'pending', totalFee: 6800, transactionId: null, ...overrides });

describe('judge', () => {
  it.each<[string, OrderState | undefined, PaymentFact, ReturnType<typeof judge>]>([
    ['an unknown order is rejected', undefined, fact(), { verdict: 'rejected', detail: 'no such order' }],
    [
      'a pending order paid a different amount is an anomaly',
      order(),
      fact({ totalFee: 6799 }),
      { verdict: 'anomaly', detail: "amount 6799 fen does not match the order's 6800 fen" },
    ],
    [
      'a wrong amount is reported before anything else, even for the transaction that paid the order',
      order({ status: 'paid', transactionId: '4200000001202612010000000001' }),
      fact({ totalFee: 68000 }),
      { verdict: 'anomaly', detail: "amount 68000 fen does not match the order's 6800 fen" },
    ],
    [
      'a wrong amount for a closed order is an amount anomaly',
      order({ status: 'closed' }),
      fact({ totalFee: 1 }),
      { verdict: 'anomaly', detail: "amount 1 fen does not match the order's 6800 fen" },
    ],
    [
      'the transaction that paid the order, again, is a duplicate',
      order({ status: 'paid', transactionId: '4200000001202612010000000001' }),
      fact(),
      { verdict: 'duplicate' },
    ],
    [
      'a duplicate from orderquery is a duplicate too',
      order({ status: 'paid', transactionId: '4200000001202612010000000001' }),
      fact({ source: 'query' }),
      { verdict: 'duplicate' },
    ],
    [
      'another transaction for a paid order is a second payment (paid elsewhere)',
      order({ status: 'paid', transactionId: '4200000001202612010000000009' }),
      fact(),
      { verdict: 'anomaly', detail: 'second payment: the order was already paid by transaction 4200000001202612010000000009' },
    ],
    [
      'money for a closed order is an anomaly',
      order({ status: 'closed' }),
      fact(),
      { verdict: 'anomaly', detail: 'payment for an order that was already closed' },
    ],
  ])('%s', (_, state, payment, outcome) => {
    expect(judge(state, payment)).toEqual(outcome);
  });

  it('refuses to judge a pending order with the right amount: the UPDATE should have passed it', () => {
    expect(() => judge(order(), fact())).toThrow('applyPayment: order 20261201000000000001 is pending yet was not updated');
  });

  it('refuses to judge a status it has no rule for', () => {
    expect(() => judge(order({ status: 'refunded' }), fact())).toThrow('is refunded yet was not updated');
  });
});
