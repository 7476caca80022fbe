// Native mode 1 over real HTTP: a fresh product per test (so its orders are the test's own), its QR
// as the console's poster prints it, and the sandbox phone scanning it as one WeChat user.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { buildBizPayUrl, buildNativeCallback, parseXml, verify } from '@/lib/wechatpay';
import type { ApiClient } from '../../support/api';
import { TEST_ENV } from '../../support/test-env';

export const MERCHANT = { appid: TEST_ENV.WXPAY_APPID, mchId: TEST_ENV.WXPAY_MCH_ID, key: TEST_ENV.WXPAY_KEY };

export const newOpenid = () => `o${randomBytes(20).toString('base64url').slice(0, 27)}`;

export async function newProduct(operator: ApiClient, stock: number, priceFen = 1250) {
  const name = `QR product ${randomBytes(4).toString('hex')}`;
  const res = await operator.post('/api/admin/products', { name, price: `${priceFen / 100}`, stock });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id as number, name, priceFen };
}

/** The URL under the QR of the product's poster page (HTML-escaped there). */
export async function posterUrl(operator: ApiClient, productId: number): Promise<string> {
  const res = await operator.request('GET', `/admin/products/${productId}/qr`);
  expect(res.status).toBe(200);
  const match = /data-testid="poster-url">([^<]+)</.exec(res.text);
  expect(match, 'the poster shows its URL').not.toBeNull();
  return match![1]!.replaceAll('&amp;', '&');
}

export async function scan(base: string, url: string, openid: string) {
  const res = await fetch(`${base}/sandbox/scan/product`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url, openid }),
  });
  return { status: res.status, body: (await res.json()) as { token?: string; outTradeNo?: string; prepayId?: string; error?: string; detail?: string } };
}

/** What WeChat would POST to our callback, sent by the test itself; the reply's fields. */
export async function callback(base: string, fields: { openid: string; productId: string }, body?: string) {
  const res = await fetch(`${base}/api/wxpay/native-callback`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: body ?? buildNativeCallback(MERCHANT, { ...fields, isSubscribe: true }),
  });
  const text = await res.text();
  const reply = parseXml(text);
  return { status: res.status, reply, signed: Boolean(reply.sign) && verify(reply, MERCHANT.key, 'MD5') };
}

export const productUrl = (productId: number) => buildBizPayUrl(MERCHANT, { productId: String(productId) });

/** Every order that bought this product, through the console's API. */
export async function ordersOf(operator: ApiClient, productId: number) {
  const res = await operator.get('/api/admin/orders?limit=500');
  expect(res.status).toBe(200);
  return (
    res.body.items as { orderNo: string; status: string; username: string | null; guestOpenidTail: string | null; items: { productId: number }[] }[]
  ).filter((o) => o.items.some((l) => l.productId === productId));
}
