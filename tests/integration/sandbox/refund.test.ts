// The sandbox's refunds (product.md, "Refunds", Sandbox; wechatpay.md §7–§9), driven as the shop
// drives them: lib/wechatpay's refund client over real mutual TLS with the generated merchant
// certificate, refundquery over HTTP, refund notifies received on a local listener.
import { afterEach, describe, expect, it } from 'vitest';
import { parseRefundNotify, WxRefundError } from '@/lib/wechatpay';
import {
  callV2,
  clearFaults,
  FAIL_REPLY,
  merchant,
  newOutTradeNo,
  placeOrder,
  quietPeriod,
  setFaults,
  startNotifyListener,
  SUCCESS_REPLY,
  waitFor,
} from './helpers';
import { newOutRefundNo, paidOrder, refundClient } from './refunds';

const client = refundClient();

// TEST_ENV's time scale is 0.01: a refund settles 50 ms after acceptance, refunds of one order must
// be 600 ms apart, and the first notify retry waits 150 ms.
const SETTLE_MS = 50;
const GAP_MS = 650;
const gap = () => quietPeriod(GAP_MS);

async function refusal(promise: Promise<unknown>): Promise<WxRefundError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WxRefundError);
  return err as WxRefundError;
}

afterEach(clearFaults);

describe('a refund accepted by the sandbox', () => {
  it('is refunded in full: SUCCESS after the delay, then the encrypted notify, and orderquery says REFUND', async () => {
    const listener = await startNotifyListener();
    try {
      const order = await paidOrder(6800);
      const outRefundNo = newOutRefundNo();
      const acceptedAt = Date.now();
      const result = await client.refund({
        outTradeNo: order.outTradeNo,
        outRefundNo,
        totalFee: 6800,
        refundFee: 6800,
        refundDesc: '不想要了',
        notifyUrl: listener.url,
      });
      expect(result).toMatchObject({ outRefundNo, outTradeNo: order.outTradeNo, transactionId: order.transactionId, totalFee: 6800, refundFee: 6800 });
      expect(result.refundId).toMatch(/^503\d{26}$/);

      const notify = await waitFor(() => listener.received[0], 5000, 'the refund notify');
      expect(notify.at - acceptedAt).toBeGreaterThanOrEqual(SETTLE_MS);
      expect(notify.body).not.toContain('<sign>');
      const parsed = parseRefundNotify(notify.body, merchant);
      if (!parsed.ok) throw new Error(`refund notify refused: ${parsed.reason}`);
      expect(parsed.notification).toMatchObject({
        appid: merchant.appid,
        mchId: merchant.mchId,
        outRefundNo,
        refundId: result.refundId,
        outTradeNo: order.outTradeNo,
        transactionId: order.transactionId,
        totalFee: 6800,
        refundFee: 6800,
        settlementRefundFee: 6800,
        refundStatus: 'SUCCESS',
        refundRequestSource: 'API',
      });
      expect(parsed.notification.raw.success_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      // Decrypting with another key fails: the notify is authentic only through the merchant's key.
      expect(parseRefundNotify(notify.body, { ...merchant, key: 'AnotherKeyAnotherKeyAnotherKey00' })).toMatchObject({ ok: false, reason: 'not_decryptable' });

      const query = await client.refundQuery({ outRefundNo });
      expect(query).toMatchObject({ outTradeNo: order.outTradeNo, transactionId: order.transactionId, totalFee: 6800, totalRefundCount: 1 });
      expect(query.refunds).toHaveLength(1);
      expect(query.refunds[0]).toMatchObject({ outRefundNo, refundId: result.refundId, refundFee: 6800, refundStatus: 'SUCCESS' });
      expect(query.refunds[0].successTime).toBeInstanceOf(Date);

      const orderquery = await callV2('orderquery', { out_trade_no: order.outTradeNo });
      expect(orderquery).toMatchObject({ result_code: 'SUCCESS', trade_state: 'REFUND', transaction_id: order.transactionId, total_fee: '6800' });

      // Answered SUCCESS, so delivered once.
      await quietPeriod(400);
      expect(listener.received).toHaveLength(1);
    } finally {
      await listener.close();
    }
  });

  it('is retried on the payment notify schedule until the merchant answers SUCCESS', async () => {
    const listener = await startNotifyListener((n) => (n === 0 ? FAIL_REPLY : SUCCESS_REPLY));
    try {
      const order = await paidOrder(1000);
      await client.refund({ outTradeNo: order.outTradeNo, outRefundNo: newOutRefundNo(), totalFee: 1000, refundFee: 400, notifyUrl: listener.url });
      const second = await waitFor(() => listener.received[1], 5000, 'the retried refund notify');
      // The first retry comes 15 s × 0.01 later, with the same bytes.
      expect(second.at - listener.received[0].at).toBeGreaterThanOrEqual(150);
      expect(second.body).toBe(listener.received[0].body);
      await quietPeriod(400);
      expect(listener.received).toHaveLength(2);
    } finally {
      await listener.close();
    }
  });

  it('may come in parts up to the total; more is INVALID_REQUEST, and a full refund says so', async () => {
    const order = await paidOrder(5000);
    const first = await client.refund({ outTradeNo: order.outTradeNo, outRefundNo: newOutRefundNo(), totalFee: 5000, refundFee: 2000 });
    await gap();
    const tooMuch = await refusal(client.refund({ transactionId: order.transactionId, outRefundNo: newOutRefundNo(), totalFee: 5000, refundFee: 3001 }));
    expect(tooMuch).toMatchObject({ errCode: 'INVALID_REQUEST', errCodeDes: '申请退款金额超过订单可退金额', retry: 'never' });
    await gap();
    // By transaction_id this time: the same order.
    const second = await client.refund({ transactionId: order.transactionId, outRefundNo: newOutRefundNo(), totalFee: 5000, refundFee: 3000 });
    expect(second.outTradeNo).toBe(order.outTradeNo);
    expect(second.refundId).not.toBe(first.refundId);
    await gap();
    const full = await refusal(client.refund({ outTradeNo: order.outTradeNo, outRefundNo: newOutRefundNo(), totalFee: 5000, refundFee: 1 }));
    expect(full).toMatchObject({ errCode: 'INVALID_REQUEST', errCodeDes: '订单已全额退款' });

    const all = await client.refundQueryAll({ outTradeNo: order.outTradeNo });
    expect(all.refunds.map((r) => r.refundFee)).toEqual([2000, 3000]);
  });

  it('is the same refund when its out_refund_no comes again with the same amounts, and INVALID_REQUEST with others', async () => {
    const order = await paidOrder(3000);
    const outRefundNo = newOutRefundNo();
    const input = { outTradeNo: order.outTradeNo, outRefundNo, totalFee: 3000, refundFee: 1000 };
    const first = await client.refund(input);
    // At once, so not FREQUENCY_LIMITED either: it is not a second refund.
    const again = await client.refund(input);
    expect(again.refundId).toBe(first.refundId);
    const other = await refusal(client.refund({ ...input, refundFee: 1500 }));
    expect(other.errCode).toBe('INVALID_REQUEST');
    const all = await client.refundQueryAll({ outTradeNo: order.outTradeNo });
    expect(all.refunds).toHaveLength(1);
  });

  it('is refused for an unknown or unpaid order with ORDERNOTEXIST', async () => {
    const unknown = await refusal(client.refund({ outTradeNo: newOutTradeNo(), outRefundNo: newOutRefundNo(), totalFee: 100, refundFee: 100 }));
    expect(unknown.errCode).toBe('ORDERNOTEXIST');
    const { outTradeNo } = await placeOrder({ total_fee: 100 });
    const unpaid = await refusal(client.refund({ outTradeNo, outRefundNo: newOutRefundNo(), totalFee: 100, refundFee: 100 }));
    expect(unpaid.errCode).toBe('ORDERNOTEXIST');
  });

  it('is FREQUENCY_LIMITED less than a minute (× the time scale) after another refund of the order', async () => {
    const order = await paidOrder(1000);
    await client.refund({ outTradeNo: order.outTradeNo, outRefundNo: newOutRefundNo(), totalFee: 1000, refundFee: 100 });
    const outRefundNo = newOutRefundNo();
    const limited = await refusal(client.refund({ outTradeNo: order.outTradeNo, outRefundNo, totalFee: 1000, refundFee: 100 }));
    expect(limited).toMatchObject({ errCode: 'FREQUENCY_LIMITED', retryable: true });
    await gap();
    // The same out_refund_no, sent again later, goes through.
    await expect(client.refund({ outTradeNo: order.outTradeNo, outRefundNo, totalFee: 1000, refundFee: 100 })).resolves.toMatchObject({ outRefundNo });
  });
});

describe('concurrent refunds of one order', () => {
  it('accept one refund of the whole amount, however many different out_refund_no race', async () => {
    const order = await paidOrder(2000);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => client.refund({ outTradeNo: order.outTradeNo, outRefundNo: newOutRefundNo(), totalFee: 2000, refundFee: 2000 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(['INVALID_REQUEST', 'FREQUENCY_LIMITED']).toContain((r.reason as WxRefundError).errCode);
    }
    const all = await client.refundQueryAll({ outTradeNo: order.outTradeNo });
    expect(all.refunds.map((r) => r.refundFee)).toEqual([2000]);
  });

  it('answer the same refund to every copy of one out_refund_no', async () => {
    const order = await paidOrder(2000);
    const input = { outTradeNo: order.outTradeNo, outRefundNo: newOutRefundNo(), totalFee: 2000, refundFee: 700 };
    const results = await Promise.all(Array.from({ length: 6 }, () => client.refund(input)));
    expect(new Set(results.map((r) => r.refundId)).size).toBe(1);
    expect((await client.refundQueryAll({ outTradeNo: order.outTradeNo })).refunds).toHaveLength(1);
  });
});

describe('refundquery', () => {
  it('pages an order with more than ten refunds by offset, and finds one by refund_id or out_refund_no', async () => {
    const order = await paidOrder(1200);
    const outRefundNos: string[] = [];
    for (let i = 0; i < 12; i++) {
      if (i > 0) await gap();
      const outRefundNo = newOutRefundNo();
      await client.refund({ outTradeNo: order.outTradeNo, outRefundNo, totalFee: 1200, refundFee: 100 });
      outRefundNos.push(outRefundNo);
    }
    const first = await client.refundQuery({ outTradeNo: order.outTradeNo });
    expect(first.totalRefundCount).toBe(12);
    expect(first.refunds.map((r) => r.outRefundNo)).toEqual(outRefundNos.slice(0, 10));
    const second = await client.refundQuery({ outTradeNo: order.outTradeNo }, 10);
    expect(second.refunds.map((r) => r.outRefundNo)).toEqual(outRefundNos.slice(10));
    const all = await client.refundQueryAll({ transactionId: order.transactionId });
    expect(all.refunds.map((r) => r.outRefundNo)).toEqual(outRefundNos);
    expect(all.refunds.every((r) => r.refundStatus === 'SUCCESS' && r.refundFee === 100)).toBe(true);

    const byId = await client.refundQuery({ refundId: all.refunds[3].refundId });
    expect(byId.refunds.map((r) => r.outRefundNo)).toEqual([outRefundNos[3]]);
    const byNo = await client.refundQuery({ outRefundNo: outRefundNos[7] });
    expect(byNo.refunds.map((r) => r.refundId)).toEqual([all.refunds[7].refundId]);
    const past = await refusal(client.refundQuery({ outTradeNo: order.outTradeNo }, 12));
    expect(past.errCode).toBe('REFUNDNOTEXIST');
  });

  it('answers REFUNDNOTEXIST for an unknown refund or an order without refunds, and PARAM_ERROR without a number', async () => {
    expect((await refusal(client.refundQuery({ outRefundNo: newOutRefundNo() }))).errCode).toBe('REFUNDNOTEXIST');
    const order = await paidOrder(100);
    expect((await refusal(client.refundQuery({ outTradeNo: order.outTradeNo }))).errCode).toBe('REFUNDNOTEXIST');
    const reply = await callV2('refundquery', {}, { signType: 'HMAC-SHA256' });
    expect(reply).toMatchObject({ result_code: 'FAIL', err_code: 'PARAM_ERROR' });
  });
});

describe('refund fault knobs', () => {
  it('NOTENOUGH refuses the refund and stores nothing; the same out_refund_no goes through once the knob is off', async () => {
    const order = await paidOrder(800);
    expect((await setFaults({ outTradeNo: order.outTradeNo, refund: 'NOTENOUGH' })).status).toBe(200);
    const outRefundNo = newOutRefundNo();
    const input = { outTradeNo: order.outTradeNo, outRefundNo, totalFee: 800, refundFee: 800 };
    expect(await refusal(client.refund(input))).toMatchObject({ errCode: 'NOTENOUGH', retry: 'after_operator' });
    expect((await refusal(client.refundQuery({ outRefundNo }))).errCode).toBe('REFUNDNOTEXIST');
    await clearFaults();
    await expect(client.refund(input)).resolves.toMatchObject({ outRefundNo, refundFee: 800 });
  });

  it('SYSTEMERROR (global) answers an error the caller may retry with the same out_refund_no', async () => {
    const order = await paidOrder(800);
    expect((await setFaults({ refund: 'SYSTEMERROR' })).status).toBe(200);
    const input = { outTradeNo: order.outTradeNo, outRefundNo: newOutRefundNo(), totalFee: 800, refundFee: 300 };
    expect(await refusal(client.refund(input))).toMatchObject({ errCode: 'SYSTEMERROR', retryable: true });
    await clearFaults();
    await expect(client.refund(input)).resolves.toMatchObject({ refundFee: 300 });
  });

  it('PROCESSING keeps the refund processing, with no notify', async () => {
    const listener = await startNotifyListener();
    try {
      const order = await paidOrder(800);
      await setFaults({ outTradeNo: order.outTradeNo, refund: 'PROCESSING' });
      const { refundId } = await client.refund({
        outTradeNo: order.outTradeNo,
        outRefundNo: newOutRefundNo(),
        totalFee: 800,
        refundFee: 800,
        notifyUrl: listener.url,
      });
      await quietPeriod(SETTLE_MS * 8);
      const query = await client.refundQuery({ refundId });
      expect(query.refunds[0]).toMatchObject({ refundStatus: 'PROCESSING' });
      expect(query.refunds[0].successTime).toBeUndefined();
      expect(listener.received).toHaveLength(0);
    } finally {
      await listener.close();
    }
  });

  it.each([
    ['CHANGE', 'CHANGE'],
    ['CLOSE', 'REFUNDCLOSE'],
  ] as const)('%s ends the refund as %s, in refundquery and in the notify', async (knob, status) => {
    const listener = await startNotifyListener();
    try {
      const order = await paidOrder(800);
      await setFaults({ outTradeNo: order.outTradeNo, refund: knob });
      const outRefundNo = newOutRefundNo();
      await client.refund({ outTradeNo: order.outTradeNo, outRefundNo, totalFee: 800, refundFee: 800, notifyUrl: listener.url });
      const notify = await waitFor(() => listener.received[0], 5000, 'the refund notify');
      const parsed = parseRefundNotify(notify.body, merchant);
      expect(parsed).toMatchObject({ ok: true, notification: { outRefundNo, refundStatus: status } });
      const query = await client.refundQuery({ outRefundNo });
      expect(query.refunds[0]).toMatchObject({ refundStatus: status });
      expect(query.refunds[0].successTime).toBeUndefined();
    } finally {
      await listener.close();
    }
  });

  it('a closed refund gives its amount back to refund again', async () => {
    const order = await paidOrder(800);
    await setFaults({ outTradeNo: order.outTradeNo, refund: 'CLOSE' });
    const closed = newOutRefundNo();
    await client.refund({ outTradeNo: order.outTradeNo, outRefundNo: closed, totalFee: 800, refundFee: 800 });
    await waitFor(async () => (await client.refundQuery({ outRefundNo: closed })).refunds[0].refundStatus === 'REFUNDCLOSE', 5000, 'REFUNDCLOSE');
    await clearFaults();
    await gap();
    await expect(client.refund({ outTradeNo: order.outTradeNo, outRefundNo: newOutRefundNo(), totalFee: 800, refundFee: 800 })).resolves.toMatchObject({
      refundFee: 800,
    });
  });

  it('refundNotify "drop" never delivers the notify, though the refund succeeds', async () => {
    const listener = await startNotifyListener();
    try {
      const order = await paidOrder(800);
      await setFaults({ outTradeNo: order.outTradeNo, refundNotify: 'drop' });
      const outRefundNo = newOutRefundNo();
      await client.refund({ outTradeNo: order.outTradeNo, outRefundNo, totalFee: 800, refundFee: 800, notifyUrl: listener.url });
      await waitFor(async () => (await client.refundQuery({ outRefundNo })).refunds[0].refundStatus === 'SUCCESS', 5000, 'SUCCESS');
      await quietPeriod(400);
      expect(listener.received).toHaveLength(0);
    } finally {
      await listener.close();
    }
  });

  it('refundNotify "duplicate" delivers `count` copies of the same notify', async () => {
    const listener = await startNotifyListener();
    try {
      const order = await paidOrder(800);
      const faults = await setFaults({ outTradeNo: order.outTradeNo, refundNotify: 'duplicate', count: 3 });
      expect(faults.body.faults).toContainEqual({ outTradeNo: order.outTradeNo, refundNotify: 'duplicate', count: 3 });
      await client.refund({ outTradeNo: order.outTradeNo, outRefundNo: newOutRefundNo(), totalFee: 800, refundFee: 800, notifyUrl: listener.url });
      await waitFor(() => listener.received.length >= 3, 5000, 'three copies');
      await quietPeriod(300);
      expect(listener.received).toHaveLength(3);
      expect(new Set(listener.received.map((r) => r.body)).size).toBe(1);
    } finally {
      await listener.close();
    }
  });

  it('refuses knob values that do not exist', async () => {
    expect((await setFaults({ refund: 'ERROR' })).status).toBe(400);
    expect((await setFaults({ refundNotify: 'delay' })).status).toBe(400);
    expect((await setFaults({ refund: 'CHANGE', count: 2 })).status).toBe(400);
  });
});
