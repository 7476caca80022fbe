// The shop's own v2 client (lib/wechatpay) pointed at the sandbox, unchanged: the proof that the
// sandbox is wire-faithful enough for a real client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWechatPayClient, WxBusinessError } from '@/lib/wechatpay';
import { base, merchant, newOutTradeNo, scanPay, startNotifyListener, tokenOf, type NotifyListener } from './helpers';

let listener: NotifyListener;
beforeAll(async () => {
  listener = await startNotifyListener();
});
afterAll(() => listener.close());

describe.each(['MD5', 'HMAC-SHA256'] as const)('lib/wechatpay client against the sandbox, %s', (signType) => {
  const client = createWechatPayClient({ ...merchant, signType, baseUrl: `${base}/sandbox` });
  const order = (outTradeNo: string) => ({
    outTradeNo,
    totalFee: 6800,
    body: 'Teahouse-Longjing 250g',
    productId: 'longjing-250',
    notifyUrl: listener.url,
    clientIp: '127.0.0.1',
    expiresAt: new Date(Date.now() + 15 * 60_000),
    attach: 'cart=42',
  });

  it('unifiedorder → orderquery NOTPAY → scan and pay → orderquery SUCCESS', async () => {
    const outTradeNo = newOutTradeNo();
    const { prepayId, codeUrl } = await client.unifiedOrder(order(outTradeNo));
    expect(prepayId).toHaveLength(36);

    const before = await client.orderQuery(outTradeNo);
    expect(before).toMatchObject({ outTradeNo, tradeState: 'NOTPAY', tradeStateDesc: '订单未支付', totalFee: 6800 });
    expect(before.transactionId).toBeUndefined();

    const paid = await scanPay(tokenOf(codeUrl));
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ ok: true, outTradeNo });

    const after = await client.orderQuery(outTradeNo);
    expect(after).toMatchObject({ tradeState: 'SUCCESS', tradeStateDesc: '支付成功', totalFee: 6800, transactionId: paid.body.transactionId });
    expect(after.paidAt).toBeInstanceOf(Date);
    expect(Math.abs(after.paidAt!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(after.raw).toMatchObject({ attach: 'cart=42', trade_type: 'NATIVE', fee_type: 'CNY', cash_fee: '6800', is_subscribe: 'N' });
    expect(after.raw.openid).toMatch(/^o[\w-]{27}$/);
  });

  it('gets the same code_url back for the same order, and refuses a changed amount', async () => {
    const input = order(newOutTradeNo());
    const first = await client.unifiedOrder(input);
    expect(await client.unifiedOrder(input)).toEqual(first);
    await expect(client.unifiedOrder({ ...input, totalFee: 6900 })).rejects.toMatchObject({
      errCode: 'INVALID_REQUEST',
      errCodeDes: '201 商户订单号重复',
    });
  });

  it('closeorder on a paid order rejects with ORDERPAID, and re-ordering it too', async () => {
    const input = order(newOutTradeNo());
    const { codeUrl } = await client.unifiedOrder(input);
    expect((await scanPay(tokenOf(codeUrl))).status).toBe(200);
    await expect(client.closeOrder(input.outTradeNo)).rejects.toMatchObject({ errCode: 'ORDERPAID', errCodeDes: '订单已支付' });
    await expect(client.unifiedOrder(input)).rejects.toMatchObject({ errCode: 'ORDERPAID' });
  });

  it('closeorder on a young order rejects with SYSTEMERROR', async () => {
    const input = order(newOutTradeNo());
    await client.unifiedOrder(input);
    const error = await client.closeOrder(input.outTradeNo).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WxBusinessError);
    expect(error).toMatchObject({ errCode: 'SYSTEMERROR' });
  });

  it('orderquery for an unknown order rejects with ORDERNOTEXIST', async () => {
    await expect(client.orderQuery(newOutTradeNo())).rejects.toMatchObject({ errCode: 'ORDERNOTEXIST', errCodeDes: '此交易订单号不存在' });
  });
});
