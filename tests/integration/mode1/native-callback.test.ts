// Native mode 1 end to end on the shared server: the poster's QR scanned by the sandbox phone, the
// callback creating (or reusing) a guest's order, payment and notify as in mode 2; and the refusals.
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildNativeCallback, buildXml, signMessage } from '@/lib/wechatpay';
import { admin, type ApiClient, clearSandboxFaults, payLogsFor, sandboxFault, stockOf, waitFor } from '../../support/api';
import { expectMoneyInvariants } from '../../support/invariants';
import { callback, MERCHANT, newOpenid, newProduct, ordersOf, posterUrl, productUrl, scan } from './helpers';

const base = inject('baseUrl');
let operator: ApiClient;
const created: number[] = [];

beforeAll(async () => {
  operator = await admin(base);
});

afterEach(async () => {
  await clearSandboxFaults(base);
  await expectMoneyInvariants(operator);
});

// Test products leave the shop again, so later suites that pick "a product in stock" never get one.
afterAll(async () => {
  for (const id of created) await operator.request('POST', `/api/admin/products/${id}/archive`);
});

async function product(stock: number) {
  const p = await newProduct(operator, stock);
  created.push(p.id);
  return p;
}

async function detail(orderNo: string) {
  const res = await operator.get(`/api/admin/orders/${orderNo}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('a product QR scanned in the sandbox', () => {
  it('creates a guest order for one unit, pays it through the sandbox, and applies the notify once', async () => {
    const p = await product(5);
    const openid = newOpenid();
    const scanned = await scan(base, await posterUrl(operator, p.id), openid);
    expect(scanned.status, scanned.body.detail).toBe(200);
    expect(scanned.body.prepayId).toMatch(/^wx/);
    const orderNo = scanned.body.outTradeNo!;

    const order = await detail(orderNo);
    expect(order).toMatchObject({
      status: 'pending',
      username: null,
      guestOpenidTail: openid.slice(-4),
      totalFee: p.priceFen,
      prepayId: scanned.body.prepayId,
    });
    expect(order.items).toEqual([expect.objectContaining({ productId: p.id, quantity: 1, priceFen: p.priceFen })]);
    expect(JSON.stringify(order)).not.toContain(openid.slice(0, 20));
    expect(await stockOf(base, p.id)).toBe(4);

    const paid = await fetch(`${base}/sandbox/scan/${scanned.body.token}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(paid.status).toBe(200);
    await waitFor(async () => (await detail(orderNo)).status === 'paid');
    const logs = await payLogsFor(operator, orderNo);
    expect(logs.filter((l) => l.verdict === 'applied')).toHaveLength(1);
    expect(logs.filter((l) => l.source === 'native_callback').map((l) => l.verdict)).toEqual(['accepted']);
    const listed = await operator.get(`/api/admin/pay-logs?orderNo=${orderNo}`);
    expect(listed.body.items.map((l: { username: string | null; guestOpenidTail: string }) => [l.username, l.guestOpenidTail])).toEqual([
      [null, openid.slice(-4)],
      [null, openid.slice(-4)],
    ]);
    expect(await stockOf(base, p.id)).toBe(4);

    // Collected in store: handed over (delivered) straight away, never shipped.
    const shipped = await operator.post(`/api/admin/orders/${orderNo}/fulfilment`, { fulfilment: 'shipped' });
    expect(shipped.status).toBe(409);
    const handedOver = await operator.post(`/api/admin/orders/${orderNo}/fulfilment`, { fulfilment: 'delivered' });
    expect(handedOver.body).toEqual({ orderNo, fulfilment: 'delivered' });
  });

  it('gives the same openid scanning the same product again within a minute its pending order', async () => {
    const p = await product(5);
    const openid = newOpenid();
    const url = productUrl(p.id);
    const first = await scan(base, url, openid);
    const [again, concurrentA, concurrentB] = await Promise.all([scan(base, url, openid), scan(base, url, openid), scan(base, url, openid)]);
    for (const s of [first, again, concurrentA, concurrentB]) expect(s.status, s.body.detail).toBe(200);
    expect(new Set([first, again, concurrentA, concurrentB].map((s) => `${s.body.outTradeNo} ${s.body.prepayId} ${s.body.token}`)).size).toBe(1);
    expect(await ordersOf(operator, p.id)).toHaveLength(1);
    expect(await stockOf(base, p.id)).toBe(4);
    const logs = await payLogsFor(operator, first.body.outTradeNo!);
    expect(logs.filter((l) => l.source === 'native_callback' && l.verdict === 'accepted')).toHaveLength(4);

    // Another WeChat user gets an order of their own.
    const other = await scan(base, url, newOpenid());
    expect(other.body.outTradeNo).not.toBe(first.body.outTradeNo);
    expect(await stockOf(base, p.id)).toBe(3);
  });

  it('answers a sold-out product with result_code FAIL and a Chinese err_code_des, creating nothing', async () => {
    const p = await product(1);
    const url = productUrl(p.id);
    expect((await scan(base, url, newOpenid())).status).toBe(200);
    const before = await ordersOf(operator, p.id);

    const soldOut = await scan(base, url, newOpenid());
    expect(soldOut).toMatchObject({ status: 409, body: { error: '商品已售罄' } });
    const direct = await callback(base, { openid: newOpenid(), productId: String(p.id) });
    expect(direct).toMatchObject({
      status: 200,
      signed: true,
      reply: { return_code: 'SUCCESS', result_code: 'FAIL', err_code_des: '商品已售罄', appid: MERCHANT.appid },
    });
    expect(direct.reply).not.toHaveProperty('prepay_id');
    expect(await ordersOf(operator, p.id)).toEqual(before);
    expect(await stockOf(base, p.id)).toBe(0);
  });

  it('answers an archived or unknown product with its own message', async () => {
    const p = await product(5);
    await operator.request('POST', `/api/admin/products/${p.id}/archive`);
    expect(await callback(base, { openid: newOpenid(), productId: String(p.id) })).toMatchObject({
      signed: true,
      reply: { result_code: 'FAIL', err_code_des: '商品已下架' },
    });
    for (const productId of ['999999999', 'mug', '0']) {
      expect(await callback(base, { openid: newOpenid(), productId })).toMatchObject({
        signed: true,
        reply: { result_code: 'FAIL', err_code_des: '商品不存在' },
      });
    }
    expect(await ordersOf(operator, p.id)).toEqual([]);
  });

  it('refuses a forged, foreign or unreadable callback with return_code FAIL and creates nothing', async () => {
    const p = await product(5);
    const scanFields = { openid: newOpenid(), productId: String(p.id) };
    const forged = buildNativeCallback({ ...MERCHANT, key: 'ForgedKeyForgedKeyForgedKey00000' }, scanFields);
    const hmac = buildXml(
      signMessage(
        { appid: MERCHANT.appid, openid: scanFields.openid, mch_id: MERCHANT.mchId, nonce_str: 'n1', product_id: scanFields.productId },
        MERCHANT.key,
        'HMAC-SHA256',
      ),
    );
    const foreign = buildNativeCallback({ ...MERCHANT, mchId: '1900000000' }, scanFields);
    const doctype = `<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>${buildNativeCallback(MERCHANT, scanFields)}`;
    for (const body of [forged, hmac, foreign, doctype, 'not xml']) {
      const res = await callback(base, scanFields, body);
      expect(res.status).toBe(200);
      expect(res.reply.return_code).toBe('FAIL');
      expect(res.reply).not.toHaveProperty('prepay_id');
    }
    const tooLarge = await callback(base, scanFields, `<xml><pad>${'x'.repeat(70_000)}</pad></xml>`);
    expect(tooLarge).toMatchObject({ status: 413, reply: { return_code: 'FAIL' } });
    expect(await ordersOf(operator, p.id)).toEqual([]);
    expect(await stockOf(base, p.id)).toBe(5);
  });
});

describe('the sandbox phone', () => {
  it('refuses a URL whose sign does not verify with 原生支付URL参数错误, calling nobody', async () => {
    const p = await product(5);
    const url = productUrl(p.id);
    for (const bad of [url.replace(`product_id=${p.id}`, `product_id=${p.id + 1}`), url.replace(/sign=\w+/, 'sign=0'), 'weixin://wxpay/bizpayurl?pr=abc']) {
      expect(await scan(base, bad, newOpenid())).toMatchObject({ status: 400, body: { error: '原生支付URL参数错误' } });
    }
    expect(await ordersOf(operator, p.id)).toEqual([]);
  });

  it('shows what WeChat shows when the merchant answers too late or unreadably', async () => {
    const p = await product(5);
    await sandboxFault(base, { nativeCallback: 'timeout' });
    expect(await scan(base, productUrl(p.id), newOpenid())).toMatchObject({ status: 502, body: { error: '系统繁忙，请稍后再试' } });
    await sandboxFault(base, { nativeCallback: 'garbage' });
    expect(await scan(base, productUrl(p.id), newOpenid())).toMatchObject({ status: 502, body: { error: '商户系统返回错误' } });
    await clearSandboxFaults(base);
    expect((await scan(base, productUrl(p.id), newOpenid())).status).toBe(200);
    // A scan comes before any out_trade_no, so the knob is global only.
    const scoped = await fetch(`${base}/sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outTradeNo: 'T20260101000000', nativeCallback: 'timeout' }),
    });
    expect(scoped.status).toBe(400);
  });
});
