// Fault knobs (/sandbox/faults): the route itself, then each fault's effect.
import { afterEach, describe, expect, it } from 'vitest';
import { formatWxTime, parseXml } from '@/lib/wechatpay';
import {
  base,
  callV2,
  clearFaults,
  newOutTradeNo,
  placeOrder,
  quietPeriod,
  scanPay,
  setFaults,
  startNotifyListener,
  SUCCESS_REPLY,
  waitFor,
  type NotifyListener,
} from './helpers';

afterEach(clearFaults);

async function withListener(run: (listener: NotifyListener) => Promise<void>, reply?: Parameters<typeof startNotifyListener>[0]) {
  const listener = await startNotifyListener(reply);
  try {
    await run(listener);
  } finally {
    await listener.close();
  }
}

describe('/sandbox/faults', () => {
  it.each([
    ['not JSON', '{notify: drop}'],
    ['an array', '[]'],
    ['an unknown notify fault', { notify: 'explode' }],
    ['an unknown key', { notfy: 'drop' }],
    ['count without duplicate', { count: 3 }],
    ['count 0', { notify: 'duplicate', count: 0 }],
    ['count 2.5', { notify: 'duplicate', count: 2.5 }],
    ['delay without delayMs', { notify: 'delay' }],
    ['delayMs without delay', { delayMs: 500 }],
    ['a negative delayMs', { notify: 'delay', delayMs: -1 }],
    ['orderquery ORDERPAID', { orderquery: 'ORDERPAID' }],
    ['closeorder SYSTEMERROR', { closeorder: 'SYSTEMERROR' }],
    ["outTradeNo '*'", { outTradeNo: '*', notify: 'drop' }],
    ['an outTradeNo with a space', { outTradeNo: 'T12 3456', notify: 'drop' }],
  ])('answers 400 {error} for %s', async (_what, body) => {
    const reply = await setFaults(body);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual(expect.any(String));
  });

  it('sets, lists, replaces and clears faults', async () => {
    const outTradeNo = newOutTradeNo();
    expect(await setFaults({ orderquery: 'SYSTEMERROR' })).toEqual({ status: 200, body: { faults: [{ orderquery: 'SYSTEMERROR' }] } });
    const both = await setFaults({ outTradeNo, notify: 'duplicate' });
    expect(both.body.faults).toEqual([{ orderquery: 'SYSTEMERROR' }, { outTradeNo, notify: 'duplicate', count: 2 }]);
    expect(await (await fetch(`${base}/sandbox/faults`)).json()).toEqual(both.body);

    // A POST replaces its scope's faults; one naming none clears the scope.
    const replaced = await setFaults({ outTradeNo, notify: 'delay', delayMs: 100, closeorder: 'ORDERPAID' });
    expect(replaced.body.faults).toContainEqual({ outTradeNo, notify: 'delay', delayMs: 100, closeorder: 'ORDERPAID' });
    expect((await setFaults({ outTradeNo })).body.faults).toEqual([{ orderquery: 'SYSTEMERROR' }]);

    const cleared = await fetch(`${base}/sandbox/faults`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ faults: [] });
    expect(await (await fetch(`${base}/sandbox/faults`)).json()).toEqual({ faults: [] });
  });
});

describe('sandbox faults in effect', () => {
  it('notify drop: the payment succeeds but no notify is ever sent', async () => {
    await withListener(async (listener) => {
      const { outTradeNo, token } = await placeOrder({ notify_url: listener.url });
      await setFaults({ outTradeNo, notify: 'drop' });
      expect((await scanPay(token)).status).toBe(200);
      await quietPeriod(1500);
      expect(listener.received).toHaveLength(0);
      expect((await callV2('orderquery', { out_trade_no: outTradeNo })).trade_state).toBe('SUCCESS');
    });
  });

  it('notify duplicate: the first delivery sends count copies at once', async () => {
    // Each reply is held 400 ms, so copies sent one after another could not arrive within that window.
    await withListener(
      async (listener) => {
        const { outTradeNo, token } = await placeOrder({ notify_url: listener.url });
        await setFaults({ outTradeNo, notify: 'duplicate', count: 3 });
        await scanPay(token);
        await waitFor(() => listener.received.length >= 3, 5000, 'three copies');
        const times = listener.received.map((r) => r.at);
        expect(Math.max(...times) - Math.min(...times)).toBeLessThan(400);
        expect(new Set(listener.received.map((r) => r.body)).size).toBe(1);
        await quietPeriod(800);
        expect(listener.received).toHaveLength(3);
      },
      () => ({ ...SUCCESS_REPLY, delayMs: 400 }),
    );
  });

  it('notify delay: the first delivery waits delayMs, unscaled', async () => {
    await withListener(async (listener) => {
      const { outTradeNo, token } = await placeOrder({ notify_url: listener.url });
      await setFaults({ outTradeNo, notify: 'delay', delayMs: 800 });
      const paidAt = Date.now();
      await scanPay(token);
      const [first] = await waitFor(() => listener.received.length > 0 && listener.received, 5000, 'the notify');
      expect(first.at - paidAt).toBeGreaterThanOrEqual(790);
      expect(first.at - paidAt).toBeLessThan(3000);
    });
  });

  it('orderquery SYSTEMERROR for one out_trade_no', async () => {
    const a = await placeOrder();
    const b = await placeOrder();
    await setFaults({ outTradeNo: a.outTradeNo, orderquery: 'SYSTEMERROR' });
    expect(await callV2('orderquery', { out_trade_no: a.outTradeNo })).toMatchObject({
      return_code: 'SUCCESS',
      result_code: 'FAIL',
      err_code: 'SYSTEMERROR',
      err_code_des: '系统错误',
    });
    expect(await callV2('orderquery', { out_trade_no: b.outTradeNo })).toMatchObject({ result_code: 'SUCCESS', trade_state: 'NOTPAY' });
  });

  it('orderquery SYSTEMERROR globally, where a per-transaction row takes precedence', async () => {
    const a = await placeOrder();
    const b = await placeOrder();
    await setFaults({ orderquery: 'SYSTEMERROR' });
    await setFaults({ outTradeNo: a.outTradeNo, notify: 'drop' });
    expect(await callV2('orderquery', { out_trade_no: b.outTradeNo })).toMatchObject({ err_code: 'SYSTEMERROR' });
    expect(await callV2('orderquery', { out_trade_no: newOutTradeNo() })).toMatchObject({ err_code: 'SYSTEMERROR' });
    expect(await callV2('orderquery', { out_trade_no: a.outTradeNo })).toMatchObject({ result_code: 'SUCCESS', trade_state: 'NOTPAY' });
    await clearFaults();
    expect(await callV2('orderquery', { out_trade_no: b.outTradeNo })).toMatchObject({ result_code: 'SUCCESS', trade_state: 'NOTPAY' });
  });

  it('closeorder ORDERPAID: the order is paid as the close arrives, and notified', async () => {
    await withListener(async (listener) => {
      const { outTradeNo, token } = await placeOrder({ notify_url: listener.url });
      await setFaults({ outTradeNo, closeorder: 'ORDERPAID' });
      expect(await callV2('closeorder', { out_trade_no: outTradeNo })).toMatchObject({
        result_code: 'FAIL',
        err_code: 'ORDERPAID',
        err_code_des: '订单已支付',
      });
      const query = await callV2('orderquery', { out_trade_no: outTradeNo });
      expect(query).toMatchObject({ trade_state: 'SUCCESS', transaction_id: expect.stringMatching(/^4200\d{24}$/) });
      const [notify] = await waitFor(() => listener.for(outTradeNo).length > 0 && listener.for(outTradeNo), 5000, 'the notify');
      expect(parseXml(notify.body).transaction_id).toBe(query.transaction_id);
      expect((await scanPay(token)).status).toBe(409);
    });
  });

  it('closeorder ORDERPAID also pays an order past time_expire, as the shop closes expired orders', async () => {
    await withListener(async (listener) => {
      const { outTradeNo, token } = await placeOrder({ notify_url: listener.url, time_expire: formatWxTime(new Date(Date.now() + 2000)) });
      await waitFor(async () => (await (await fetch(`${base}/sandbox/scan?pr=${token}`)).text()).includes('订单已过期'), 5000, 'the order to expire');
      await setFaults({ closeorder: 'ORDERPAID' });
      expect(await callV2('closeorder', { out_trade_no: outTradeNo })).toMatchObject({ err_code: 'ORDERPAID' });
      expect((await callV2('orderquery', { out_trade_no: outTradeNo })).trade_state).toBe('SUCCESS');
      await waitFor(() => listener.for(outTradeNo).length > 0, 5000, 'the notify');
    });
  });
});
