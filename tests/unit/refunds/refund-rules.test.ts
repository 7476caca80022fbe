import { describe, expect, it } from 'vitest';
import { newOutRefundNo } from '@/lib/refunds/out-refund-no';
import { leftToRefund, mergeRestock, refundableAnomaly, restockable, restockProblem, sendOutcome } from '@/lib/refunds/refund-rules';
import { WechatPayError, WxCertificateRejectedError, WxNetworkError, WxProtocolError, WxRefundError } from '@/lib/wechatpay';

describe('leftToRefund', () => {
  it('subtracts requested, processing and successful refunds, not failed, closed or abnormal ones', () => {
    expect(leftToRefund(1000, [])).toBe(1000);
    expect(
      leftToRefund(1000, [
        { status: 'requested', refundFee: 100 },
        { status: 'processing', refundFee: 200 },
        { status: 'success', refundFee: 300 },
        { status: 'failed', refundFee: 400 },
        { status: 'closed', refundFee: 500 },
      ]),
    ).toBe(400);
  });
});

describe('restock caps', () => {
  const bought = [
    { productId: 1, quantity: 3 },
    { productId: 2, quantity: 1 },
  ];

  it('merges lines of one product and drops zeros', () => {
    expect(
      mergeRestock([
        { productId: 1, quantity: 1 },
        { productId: 2, quantity: 0 },
        { productId: 1, quantity: 2 },
      ]),
    ).toEqual([{ productId: 1, quantity: 3 }]);
  });

  it('allows what was bought minus what counted refunds restock', () => {
    const left = restockable(bought, [
      { status: 'success', restockItems: [{ productId: 1, quantity: 2 }] },
      { status: 'failed', restockItems: [{ productId: 1, quantity: 1 }] },
      { status: 'closed', restockItems: [{ productId: 2, quantity: 1 }] },
    ]);
    expect(left.get(1)).toBe(1);
    expect(left.get(2)).toBe(1);
    expect(restockProblem([{ productId: 1, quantity: 1 }], left)).toBeUndefined();
    expect(restockProblem([{ productId: 1, quantity: 2 }], left)).toMatch(/product 1: 2 to restock, at most 1/);
  });

  it('refuses products the order never bought', () => {
    expect(restockProblem([{ productId: 9, quantity: 1 }], restockable(bought, []))).toMatch(/product 9: 1 to restock, at most 0/);
  });
});

describe('sendOutcome', () => {
  it('makes an accepted refund processing', () => {
    expect(sendOutcome({ refundId: '503' })).toEqual({ status: 'processing', refundId: '503' });
  });

  it.each(['SYSTEMERROR', 'BIZERR_NEED_RETRY', 'FREQUENCY_LIMITED'])('keeps a refund requested after %s, to be sent again', (code) => {
    expect(sendOutcome({ error: new WxRefundError(code, 'x') })).toMatchObject({ status: 'requested', errCode: code, replied: true });
  });

  it('keeps it requested after a timeout or an unreadable reply: WeChat may have it', () => {
    expect(sendOutcome({ error: new WxNetworkError('TIMEOUT', 'slow') })).toMatchObject({ status: 'requested', errCode: 'TIMEOUT', replied: false });
    expect(sendOutcome({ error: new WechatPayError('BAD_RESPONSE', 'odd') })).toMatchObject({ status: 'requested', replied: false });
  });

  it.each(['NOTENOUGH', 'INVALID_REQUEST', 'ORDERNOTEXIST', 'SOMETHING_NEW'])('fails a refund refused with %s', (code) => {
    expect(sendOutcome({ error: new WxRefundError(code, 'no') })).toMatchObject({ status: 'failed', errCode: code });
  });

  it('fails a refund whose certificate WeChat does not accept, or a return_code FAIL', () => {
    expect(sendOutcome({ error: new WxCertificateRejectedError('not_sent', 'HTTP 400') })).toMatchObject({ status: 'failed', errCode: 'CERTIFICATE_REJECTED' });
    expect(sendOutcome({ error: new WxProtocolError('签名错误') })).toMatchObject({ status: 'failed', errCode: 'RETURN_FAIL' });
  });

  it('lets a bug through', () => {
    expect(() => sendOutcome({ error: new TypeError('bug') })).toThrow(TypeError);
  });
});

describe('newOutRefundNo', () => {
  it('is at most 64 characters of WeChat’s set, and never the same twice', () => {
    const a = newOutRefundNo(new Date('2026-12-01T00:00:00Z'));
    expect(a).toMatch(/^RF20261201[0-9a-f]{24}$/);
    expect(newOutRefundNo()).not.toBe(newOutRefundNo());
  });
});

describe('refundableAnomaly', () => {
  it('offers the refund for a second payment, money for a closed order, and a bill-only payment of an order that is not pending', () => {
    expect(refundableAnomaly('second_payment', 'paid')).toBe(true);
    expect(refundableAnomaly('paid_after_close', 'closed')).toBe(true);
    expect(refundableAnomaly('unbooked_payment', 'closed')).toBe(true);
    // Pending: the sweep's orderquery books it; unknown here: no order to refund it from.
    expect(refundableAnomaly('unbooked_payment', 'pending')).toBe(false);
    expect(refundableAnomaly('unbooked_payment', null)).toBe(false);
  });
});
