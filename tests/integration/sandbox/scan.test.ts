// The simulated WeChat app: the scan page and its JSON pay route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base, callV2, merchant, placeOrder, scanPay, startNotifyListener, type NotifyListener } from './helpers';

let listener: NotifyListener;
beforeAll(async () => {
  listener = await startNotifyListener();
});
afterAll(() => listener.close());

async function scanPage(query: string, headers: Record<string, string> = {}): Promise<{ status: number; html: string }> {
  const response = await fetch(`${base}/sandbox/scan${query}`, { headers });
  return { status: response.status, html: await response.text() };
}

describe('sandbox scan page', () => {
  it('shows the payee, the description and the amount, with Pay and Cancel', async () => {
    const { token } = await placeOrder({ body: 'Teahouse-Longjing <250g> & "cups"' });
    const { status, html } = await scanPage(`?pr=${token}`, { 'accept-language': 'en-US' });
    expect(status).toBe(200);
    expect(html).toContain('Payee');
    expect(html).toContain(merchant.mchId);
    expect(html).toContain(merchant.appid);
    expect(html).toContain('Teahouse-Longjing &lt;250g&gt; &amp; &quot;cups&quot;');
    expect(html).toContain('¥68.00');
    expect(html).toContain('data-testid="sandbox-pay"');
    expect(html).toContain('Cancel');
    expect(html).toContain('Simulate a failed payment');
    expect(html).not.toMatch(/<(?:link|script)[^>]+(?:src|href)="https?:/);
  });

  it('speaks Chinese like the WeChat app by default, English when the cookie says so', async () => {
    const { token } = await placeOrder();
    const chinese = (await scanPage(`?pr=${token}`)).html;
    for (const text of ['收款方', '确认支付', '取消', '模拟支付失败', '<html lang="zh-CN"']) expect(chinese).toContain(text);
    const english = (await scanPage(`?pr=${token}`, { cookie: 'NEXT_LOCALE=en', 'accept-language': 'zh-CN' })).html;
    for (const text of ['Payee', '>Pay<', 'Cancel', '<html lang="en"']) expect(english).toContain(text);
    expect(english).not.toContain('确认支付');
  });

  it.each([
    [1, '¥0.01'],
    [100000, '¥1000.00'],
    [1999, '¥19.99'],
  ])('formats %i fen as %s', async (fen, shown) => {
    const { token } = await placeOrder({ total_fee: fen });
    expect((await scanPage(`?pr=${token}`)).html).toContain(shown);
  });

  it.each([
    ['an unknown token', '?pr=NoSuchQR1'],
    ['no token', ''],
  ])('says the QR code is unknown for %s', async (_what, query) => {
    const { status, html } = await scanPage(query);
    expect(status).toBe(200);
    expect(html).toContain('二维码无效');
    expect(html).not.toContain('data-testid="sandbox-pay"');
  });

  it('says why a paid order cannot be paid again', async () => {
    const { token } = await placeOrder({ notify_url: listener.url });
    expect((await scanPay(token)).status).toBe(200);
    const { html } = await scanPage(`?pr=${token}`);
    expect(html).toContain('订单已支付');
    expect(html).not.toContain('data-testid="sandbox-pay"');
  });
});

describe('POST /sandbox/scan/<token>/pay', () => {
  it.each([
    ['not JSON', 'pay please'],
    ['an unknown result', { result: 'MAYBE' }],
    ['an unknown key', { result: 'SUCCESS', amount: 1 }],
  ])('answers 400 {error} for %s and changes nothing', async (_what, body) => {
    const { outTradeNo, token } = await placeOrder();
    const reply = await scanPay(token, body);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual(expect.any(String));
    expect((await callV2('orderquery', { out_trade_no: outTradeNo })).trade_state).toBe('NOTPAY');
  });

  it('pays with an empty body, then refuses a second payment with 409', async () => {
    const { outTradeNo, token } = await placeOrder({ notify_url: listener.url });
    const paid = await scanPay(token);
    expect(paid).toEqual({ status: 200, body: { ok: true, outTradeNo, transactionId: expect.stringMatching(/^4200\d{24}$/) } });
    const again = await scanPay(token, { result: 'SUCCESS' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already paid/);
    expect((await callV2('orderquery', { out_trade_no: outTradeNo })).transaction_id).toBe(paid.body.transactionId);
  });

  it('answers 409 for an unknown token', async () => {
    expect(await scanPay('NoSuchQR1')).toEqual({ status: 409, body: { error: 'unknown QR code' } });
  });
});
