import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { billEntry, wechatTotals } from '@/lib/reconcile/bill-entries';
import { parseBill } from '@/lib/wechatpay';

const fixture = (name: string) => readFileSync(path.join(process.cwd(), 'tests/unit/wechatpay/fixtures', name), 'utf8');

describe('the bill as reconciliation compares it', () => {
  it('keys payments by transaction and order, refunds by out_refund_no with their own status and amount', () => {
    const entries = parseBill(fixture('bill-all-27.csv')).rows.map(billEntry);
    const payment = entries.find((e) => e.kind === 'payment')!;
    const refund = entries.find((e) => e.kind === 'refund')!;
    expect(payment).toMatchObject({ out_refund_no: null, state: 'SUCCESS' });
    expect(payment.transaction_id).toMatch(/^\d+$/);
    expect(refund).toMatchObject({ state: 'SUCCESS' });
    expect(refund.out_refund_no).not.toBeNull();
  });

  it('takes a refund line’s amount from 退款金额 and its state from 退款状态', () => {
    const entries = parseBill(fixture('bill-refunds-27.csv')).rows.map(billEntry);
    expect(entries.map((e) => [e.out_refund_no, e.fen, e.state])).toEqual([
      ['R20261130000002', 1234, 'SUCCESS'],
      ['R20261130000003', 99, 'PROCESSING'],
    ]);
  });

  it('uses 应结订单金额 where the older layout has no 订单金额', () => {
    const bill = parseBill(fixture('bill-payments-24.csv'));
    expect(bill.rows.map(billEntry).map((e) => e.fen)).toEqual(bill.rows.map((r) => r.settlementTotalFen));
  });

  it('states the summary’s totals, and the fees summed exactly then rounded half-up once', () => {
    const bill = parseBill(fixture('bill-refunds-27.csv'));
    // -0.07404 + -0.00594 = -0.07998 yuan = -7.998 fen → -8 fen.
    expect(wechatTotals(bill)).toEqual({ trades: 2, paidFen: 0, refundFen: 1333, feeFen: -8 });
    const payments = parseBill(fixture('bill-payments-24.csv'));
    expect(wechatTotals(payments)).toEqual({ trades: 2, paidFen: 10002, refundFen: 0, feeFen: 60 });
  });
});
