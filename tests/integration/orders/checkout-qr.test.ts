// A checkout that won its stock keeps it while WeChat is slow: unifiedorder is asked again with the
// same parameters (a re-entry gives the same code_url), and an order whose QR is still not ready
// stays reserved and gets it on the pay page. Only a definite refusal closes it at once.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { type ApiClient, catalog, newShopper, stockOf } from '../../support/api';
import { clearFaults, scanPay, setFaults, tokenOf } from '../sandbox/helpers';

const base = inject('baseUrl');

afterEach(clearFaults);

async function someProduct() {
  return (await catalog(base)).find((p) => p.stock >= 10)!;
}

async function checkout(shopper: ApiClient, productId: number) {
  return shopper.post('/api/orders', { items: [{ productId, quantity: 1 }] });
}

/** The sandbox link's token on the pay page, or undefined while the page has no QR. */
async function payPageToken(shopper: ApiClient, orderNo: string): Promise<string | undefined> {
  const page = await shopper.get(`/orders/${orderNo}`);
  expect(page.status).toBe(200);
  return /\/sandbox\/scan\?pr=([0-9A-Za-z]+)/.exec(page.text)?.[1];
}

async function expectPaidWith(shopper: ApiClient, orderNo: string, token: string) {
  expect((await scanPay(token)).status).toBe(200);
  await expect.poll(async () => (await shopper.get(`/api/orders/${orderNo}/status`)).body.status, { timeout: 10_000 }).toBe('paid');
}

describe('checkout when unifiedorder does not answer', () => {
  it('a reply held past the client’s timeout once: asked again, 201 with the one code_url, payable', async () => {
    const shopper = await newShopper(base);
    const product = await someProduct();
    expect((await setFaults({ unifiedorder: 'TIMEOUT', count: 1 })).status).toBe(200);
    const res = await checkout(shopper, product.id);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', totalFee: product.priceFen });
    const token = tokenOf(res.body.codeUrl);
    // The pay page shows the very QR checkout got: one order at WeChat, one code_url.
    expect(await payPageToken(shopper, res.body.orderNo)).toBe(token);
    await expectPaidWith(shopper, res.body.orderNo, token);
  });

  it('SYSTEMERROR once: asked again at once with the same parameters, 201 with a code_url', async () => {
    const shopper = await newShopper(base);
    const product = await someProduct();
    await setFaults({ unifiedorder: 'SYSTEMERROR', count: 1 });
    const res = await checkout(shopper, product.id);
    expect(res.status).toBe(201);
    expect(res.body.codeUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
  });

  it('no answer within the budget: 201 with codeUrl null, stock kept, and the pay page gets the QR', async () => {
    const shopper = await newShopper(base);
    const product = await someProduct();
    const before = product.stock;
    // More held replies than checkout's budget has room for.
    await setFaults({ unifiedorder: 'TIMEOUT', count: 3 });
    const res = await checkout(shopper, product.id);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', codeUrl: null });
    expect(Object.keys(res.body).sort()).toEqual(['codeUrl', 'expiresAt', 'orderNo', 'status', 'totalFee']);
    expect(await stockOf(base, product.id)).toBe(before - 1);
    expect((await shopper.get(`/api/orders/${res.body.orderNo}/status`)).body.status).toBe('pending');

    // The fault is used up: the page's re-entry gets the QR, stores it, and shows the same one again.
    const token = await payPageToken(shopper, res.body.orderNo);
    expect(token).toMatch(/^[0-9A-Za-z]+$/);
    expect(await payPageToken(shopper, res.body.orderNo)).toBe(token);
    await expectPaidWith(shopper, res.body.orderNo, token!);
  });

  it('a page that still cannot get the QR says so and keeps the order pending', async () => {
    const shopper = await newShopper(base);
    const product = await someProduct();
    await setFaults({ unifiedorder: 'TIMEOUT', count: 4 });
    const res = await checkout(shopper, product.id);
    expect(res.body.codeUrl).toBeNull();
    const page = await shopper.get(`/orders/${res.body.orderNo}`);
    expect(page.text).toContain('data-testid="code-not-ready"');
    expect((await shopper.get(`/api/orders/${res.body.orderNo}/status`)).body.status).toBe('pending');
  });
});

describe('checkout when WeChat refuses', () => {
  it('a definite refusal (NOAUTH): 502 with its err_code, the order closed and its stock returned', async () => {
    const shopper = await newShopper(base);
    const product = await someProduct();
    await setFaults({ unifiedorder: 'NOAUTH' });
    const res = await checkout(shopper, product.id);
    expect(res.status).toBe(502);
    expect(res.body.errCode).toBe('NOAUTH');
    expect(await stockOf(base, product.id)).toBe(product.stock);
    const [order] = (await shopper.get('/api/orders')).body.items;
    expect(order.status).toBe('closed');
  });
});
