// orderquery and closeorder over the order's life: NOTPAY, SUCCESS, CLOSED, and an expired order
// that stays NOTPAY until the shop closes it (WeChat's own timeout close is not simulated).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatWxTime } from '@/lib/wechatpay';
import { base, callV2, newOutTradeNo, orderFields, placeOrder, scanPay, startNotifyListener, waitFor, type NotifyListener } from './helpers';

let listener: NotifyListener;
beforeAll(async () => {
  listener = await startNotifyListener();
});
afterAll(() => listener.close());

describe('sandbox orderquery', () => {
  it('answers ORDERNOTEXIST for an unknown out_trade_no or transaction_id', async () => {
    expect(await callV2('orderquery', { out_trade_no: newOutTradeNo() })).toMatchObject({
      result_code: 'FAIL',
      err_code: 'ORDERNOTEXIST',
      err_code_des: '此交易订单号不存在',
    });
    expect(await callV2('orderquery', { transaction_id: '4200000000202601010000000000' })).toMatchObject({ err_code: 'ORDERNOTEXIST' });
  });

  it('needs out_trade_no or transaction_id', async () => {
    expect(await callV2('orderquery', {})).toMatchObject({ result_code: 'FAIL', err_code: 'PARAM_ERROR', err_code_des: '参数错误:必须输入商户单号' });
  });

  it('describes an unpaid order without payment fields', async () => {
    const { outTradeNo } = await placeOrder({ attach: 'x=1' });
    const reply = await callV2('orderquery', { out_trade_no: outTradeNo }, { signType: 'HMAC-SHA256' });
    expect(reply).toMatchObject({ result_code: 'SUCCESS', trade_state: 'NOTPAY', trade_state_desc: '订单未支付', out_trade_no: outTradeNo, total_fee: '6800' });
    for (const name of ['transaction_id', 'openid', 'time_end', 'attach']) expect(reply[name]).toBeUndefined();
  });

  it('finds a paid order by transaction_id, which wins over out_trade_no', async () => {
    const { outTradeNo, token } = await placeOrder({ notify_url: listener.url, attach: 'x=1' });
    const paid = await scanPay(token);
    const transactionId = String(paid.body.transactionId);
    expect(transactionId).toMatch(/^4200\d{24}$/);
    expect(transactionId.slice(4, 12)).toBe(formatWxTime(new Date()).slice(0, 8));
    const reply = await callV2('orderquery', { transaction_id: transactionId, out_trade_no: newOutTradeNo() });
    expect(reply).toMatchObject({
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      out_trade_no: outTradeNo,
      transaction_id: transactionId,
      total_fee: '6800',
      cash_fee: '6800',
      fee_type: 'CNY',
      bank_type: 'OTHERS',
      trade_type: 'NATIVE',
      is_subscribe: 'N',
      attach: 'x=1',
    });
    expect(reply.time_end).toMatch(/^\d{14}$/);
  });

  it('reports PAYERROR after a failed payment, which the user may retry', async () => {
    const { outTradeNo, token } = await placeOrder({ notify_url: listener.url });
    expect(await scanPay(token, { result: 'PAYERROR' })).toEqual({ status: 200, body: { ok: true, outTradeNo, tradeState: 'PAYERROR' } });
    expect(await callV2('orderquery', { out_trade_no: outTradeNo })).toMatchObject({
      trade_state: 'PAYERROR',
      trade_state_desc: '支付失败(其他原因，如银行返回失败)',
    });
    expect((await scanPay(token)).status).toBe(200);
    expect((await callV2('orderquery', { out_trade_no: outTradeNo })).trade_state).toBe('SUCCESS');
  });
});

describe('sandbox closeorder', () => {
  it('answers ORDERNOTEXIST for an unknown order and LACK_PARAMS without out_trade_no', async () => {
    expect(await callV2('closeorder', { out_trade_no: newOutTradeNo() })).toMatchObject({ err_code: 'ORDERNOTEXIST' });
    expect(await callV2('closeorder', {})).toMatchObject({ err_code: 'LACK_PARAMS', err_code_des: '缺少参数out_trade_no' });
  });

  it('refuses to close within the (scaled) 5 minutes, then closes; the order is then closed everywhere', async () => {
    const fields = { notify_url: listener.url, out_trade_no: newOutTradeNo() };
    const createdAt = Date.now();
    const { outTradeNo, token } = await placeOrder(fields);

    const young = await callV2('closeorder', { out_trade_no: outTradeNo }, { signType: 'HMAC-SHA256' });
    expect(young).toMatchObject({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: 'SYSTEMERROR' });
    expect(young.err_code_des).toContain('5分钟');

    // 5 minutes × WXPAY_SANDBOX_TIME_SCALE 0.01 = 3 s.
    const closed = await waitFor(
      async () => {
        const reply = await callV2('closeorder', { out_trade_no: outTradeNo }, { signType: 'HMAC-SHA256' });
        return reply.result_code === 'SUCCESS' ? reply : undefined;
      },
      8000,
      'closeorder to succeed',
    );
    expect(Date.now() - createdAt).toBeGreaterThanOrEqual(2900);
    expect(closed.result_msg).toBe('OK');

    expect(await callV2('orderquery', { out_trade_no: outTradeNo })).toMatchObject({ trade_state: 'CLOSED', trade_state_desc: '订单已关闭' });
    expect(await callV2('closeorder', { out_trade_no: outTradeNo })).toMatchObject({ err_code: 'ORDERCLOSED', err_code_des: '订单已关闭' });
    expect(await callV2('unifiedorder', orderFields(fields))).toMatchObject({ result_code: 'FAIL', err_code: 'ORDERCLOSED' });
    const pay = await scanPay(token);
    expect(pay.status).toBe(409);
    expect(pay.body.error).toMatch(/closed/);
  });

  it('leaves an order past time_expire NOTPAY and unpayable until it is closed', async () => {
    // 2 s ahead: more than the scaled 1-minute minimum (0.6 s) even after time_expire drops the milliseconds.
    const timeExpire = formatWxTime(new Date(Date.now() + 2000));
    const { outTradeNo, token } = await placeOrder({ time_expire: timeExpire, notify_url: listener.url });
    await waitFor(async () => (await (await fetch(`${base}/sandbox/scan?pr=${token}`)).text()).includes('订单已过期'), 5000, 'the order to expire');

    const pay = await scanPay(token);
    expect(pay.status).toBe(409);
    expect(pay.body.error).toMatch(/time_expire/);
    expect((await scanPay(token, { result: 'PAYERROR' })).status).toBe(409);
    expect(await callV2('orderquery', { out_trade_no: outTradeNo })).toMatchObject({ result_code: 'SUCCESS', trade_state: 'NOTPAY' });
    const again = orderFields({ out_trade_no: outTradeNo, time_expire: timeExpire, notify_url: listener.url });
    expect(await callV2('unifiedorder', again)).toMatchObject({ result_code: 'FAIL', err_code: 'ORDERCLOSED' });
    expect(listener.for(outTradeNo)).toHaveLength(0);
  });
});
