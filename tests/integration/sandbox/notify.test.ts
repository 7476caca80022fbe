// Payment notifications: what the sandbox POSTs to notify_url, and WeChat's retry behaviour.
import { describe, expect, it } from 'vitest';
import { parseNotify, parseXml, verify } from '@/lib/wechatpay';
import { FAIL_REPLY, merchant, placeOrder, quietPeriod, scanPay, startNotifyListener, SUCCESS_REPLY, waitFor, type NotifyListener } from './helpers';

async function withListener(reply: Parameters<typeof startNotifyListener>[0], run: (listener: NotifyListener) => Promise<void>) {
  const listener = await startNotifyListener(reply);
  try {
    await run(listener);
  } finally {
    await listener.close();
  }
}

const NOTIFY_FIELDS = [
  'appid',
  'attach',
  'bank_type',
  'cash_fee',
  'fee_type',
  'is_subscribe',
  'mch_id',
  'nonce_str',
  'openid',
  'out_trade_no',
  'result_code',
  'return_code',
  'return_msg',
  'sign',
  'time_end',
  'total_fee',
  'trade_type',
  'transaction_id',
];

describe('sandbox payment notification', () => {
  it('POSTs a signed HMAC-SHA256 notify without a sign_type element, carrying the payment', async () => {
    await withListener(undefined, async (listener) => {
      const { outTradeNo, token } = await placeOrder({ notify_url: listener.url, total_fee: 1234, attach: '购物车=42' }, { signType: 'HMAC-SHA256' });
      const paid = await scanPay(token);
      const [notify] = await waitFor(() => listener.for(outTradeNo).length > 0 && listener.for(outTradeNo), 5000, 'the notify');

      expect(notify.headers['content-type']).toMatch(/^text\/xml/);
      expect(notify.body).not.toContain('sign_type');
      expect(notify.body).toContain('<total_fee>1234</total_fee>');
      const fields = parseXml(notify.body);
      expect(Object.keys(fields).sort()).toEqual(NOTIFY_FIELDS);
      expect(fields.sign).toMatch(/^[0-9A-F]{64}$/);
      expect(verify(fields, merchant.key, 'HMAC-SHA256')).toBe(true);
      expect(fields).toMatchObject({
        return_code: 'SUCCESS',
        return_msg: 'OK',
        appid: merchant.appid,
        mch_id: merchant.mchId,
        result_code: 'SUCCESS',
        is_subscribe: 'N',
        trade_type: 'NATIVE',
        bank_type: 'OTHERS',
        total_fee: '1234',
        cash_fee: '1234',
        fee_type: 'CNY',
        out_trade_no: outTradeNo,
        transaction_id: paid.body.transactionId,
        attach: '购物车=42',
      });
      expect(fields.openid).toMatch(/^o[\w-]{27}$/);
      expect(fields.time_end).toMatch(/^\d{14}$/);
      expect(fields.nonce_str).toMatch(/^[0-9A-Za-z]{32}$/);

      // The shop's own verifier accepts it as is.
      const parsed = parseNotify(notify.body, { ...merchant, signType: 'HMAC-SHA256' });
      expect(parsed).toMatchObject({ ok: true, notification: { outTradeNo, totalFee: 1234, resultCode: 'SUCCESS' } });
    });
  });

  it('signs the notify of an MD5 order with MD5', async () => {
    await withListener(undefined, async (listener) => {
      const { outTradeNo, token } = await placeOrder({ notify_url: listener.url }, { omitSignType: true });
      await scanPay(token);
      const [notify] = await waitFor(() => listener.for(outTradeNo).length > 0 && listener.for(outTradeNo), 5000, 'the notify');
      const fields = parseXml(notify.body);
      expect(fields.sign).toMatch(/^[0-9A-F]{32}$/);
      expect(verify(fields, merchant.key, 'MD5')).toBe(true);
      expect(fields.attach).toBeUndefined();
    });
  });

  it('retries FAIL replies on the (scaled) schedule with the same bytes, and stops at SUCCESS', async () => {
    await withListener(
      (n) => (n < 2 ? FAIL_REPLY : SUCCESS_REPLY),
      async (listener) => {
        const { token } = await placeOrder({ notify_url: listener.url }, { signType: 'HMAC-SHA256' });
        const paidAt = Date.now();
        expect((await scanPay(token)).status).toBe(200);
        await waitFor(() => listener.received.length >= 3, 5000, 'three deliveries');
        const [first, second, third] = listener.received;
        expect(first.at - paidAt).toBeLessThan(1000);
        // 15 s and 15 s × WXPAY_SANDBOX_TIME_SCALE 0.01.
        expect(second.at - first.at).toBeGreaterThanOrEqual(140);
        expect(third.at - second.at).toBeGreaterThanOrEqual(140);
        expect(new Set(listener.received.map((r) => r.body)).size).toBe(1);

        await quietPeriod(2000);
        expect(listener.received).toHaveLength(3);
      },
    );
  });

  it('counts a non-XML 200 and a non-200 SUCCESS body as failures', async () => {
    const replies = [{ body: 'success' }, { status: 500, body: SUCCESS_REPLY.body }, SUCCESS_REPLY];
    await withListener(
      (n) => replies[Math.min(n, 2)],
      async (listener) => {
        const { token } = await placeOrder({ notify_url: listener.url });
        await scanPay(token);
        await waitFor(() => listener.received.length >= 3, 5000, 'three deliveries');
        await quietPeriod(1000);
        expect(listener.received).toHaveLength(3);
      },
    );
  });

  it('gives up on a reply slower than 5 s and retries', async () => {
    await withListener(
      (n) => (n === 0 ? { ...SUCCESS_REPLY, delayMs: 5500 } : SUCCESS_REPLY),
      async (listener) => {
        const { token } = await placeOrder({ notify_url: listener.url });
        await scanPay(token);
        await waitFor(() => listener.received.length >= 2, 9000, 'a second delivery');
        const [first, second] = listener.received;
        expect(second.at - first.at).toBeGreaterThanOrEqual(5000);
        await quietPeriod(1000);
        expect(listener.received).toHaveLength(2);
      },
    );
  }, 20_000);

  it('lets exactly one of several concurrent payments through, with one notification', async () => {
    await withListener(undefined, async (listener) => {
      const { outTradeNo, token } = await placeOrder({ notify_url: listener.url });
      const replies = await Promise.all(Array.from({ length: 4 }, () => scanPay(token)));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
      const winner = replies.find((r) => r.status === 200)!;
      await waitFor(() => listener.for(outTradeNo).length > 0, 5000, 'the notify');
      await quietPeriod(500);
      expect(listener.for(outTradeNo)).toHaveLength(1);
      expect(parseXml(listener.for(outTradeNo)[0].body).transaction_id).toBe(winner.body.transactionId);
    });
  });
});
