// The pay-logs filter offers every word a pay log's trade_state can hold: payments' trade states,
// refunds' refund_status (their pay logs keep it as trade_state) and FAIL for a refused refund.
import { describe, expect, it } from 'vitest';
import { payLogFilterSchema } from '@/lib/admin/filters';
import { PAY_LOG_TRADE_STATES } from '@/lib/payments/pay-log-vocabulary';
import { TRADE_STATES, WX_REFUND_STATUSES } from '@/lib/wechatpay';

describe('pay-log trade states', () => {
  it('cover payments, refunds and refused refunds, each once', () => {
    for (const state of [...TRADE_STATES, ...WX_REFUND_STATUSES, 'FAIL']) expect(PAY_LOG_TRADE_STATES).toContain(state);
    expect(new Set(PAY_LOG_TRADE_STATES).size).toBe(PAY_LOG_TRADE_STATES.length);
  });

  it.each(['CHANGE', 'REFUNDCLOSE', 'PROCESSING', 'FAIL', 'NOTPAY'])('lets the filter ask for %s', (state) => {
    expect(payLogFilterSchema.parse({ state }).state).toBe(state);
  });

  it('refuses a word no pay log holds', () => {
    expect(payLogFilterSchema.safeParse({ state: 'REFUNDED' }).success).toBe(false);
  });
});
