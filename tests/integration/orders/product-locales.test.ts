// Products in two languages: GET /api/products answers in the request's language (NEXT_LOCALE
// cookie, then Accept-Language, default Chinese; a blank English text falls back to Chinese), the
// JSON error texts follow it too, while what goes to WeChat (`body`) is always the Chinese name.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { admin, type ApiClient, newShopper } from '../../support/api';
import { tokenOf } from '../sandbox/helpers';

const base = inject('baseUrl');
let operator: ApiClient;
const created: number[] = [];

interface Listed {
  id: number;
  slug: string;
  name: string;
  description: string;
}

async function products(headers: Record<string, string> = {}): Promise<Listed[]> {
  const res = await fetch(`${base}/api/products`, { headers });
  expect(res.status).toBe(200);
  return res.json();
}

const longjing = async (headers?: Record<string, string>) => (await products(headers)).find((p) => p.slug === 'longjing-green-tea')!;

async function createProduct(body: Record<string, unknown>): Promise<{ id: number; slug: string }> {
  const res = await operator.post('/api/admin/products', body);
  expect(res.status, res.text).toBe(201);
  created.push(res.body.id);
  return res.body;
}

beforeAll(async () => {
  operator = await admin(base);
});

afterAll(async () => {
  for (const id of created) await operator.request('POST', `/api/admin/products/${id}/archive`);
});

describe('GET /api/products', () => {
  it('answers in Chinese without a language, for *, and for a language we do not have', async () => {
    for (const headers of [{}, { 'accept-language': '*' }, { 'accept-language': 'fr-FR,de;q=0.8' }] as Record<string, string>[]) {
      expect(await longjing(headers), JSON.stringify(headers)).toMatchObject({ name: '西湖龙井绿茶 250 克', description: expect.stringContaining('杭州') });
    }
  });

  it('follows Accept-Language', async () => {
    expect(await longjing({ 'accept-language': 'en-US,en;q=0.9' })).toMatchObject({
      name: 'Longjing Green Tea 250 g',
      description: expect.stringContaining('Hangzhou'),
    });
    expect((await longjing({ 'accept-language': 'zh-Hans-CN, en;q=0.5' })).name).toBe('西湖龙井绿茶 250 克');
  });

  it('prefers the NEXT_LOCALE cookie to Accept-Language', async () => {
    expect((await longjing({ cookie: 'NEXT_LOCALE=en', 'accept-language': 'zh-CN' })).name).toBe('Longjing Green Tea 250 g');
    expect((await longjing({ cookie: 'NEXT_LOCALE=zh-CN', 'accept-language': 'en' })).name).toBe('西湖龙井绿茶 250 克');
  });

  it('falls back to the Chinese text where the English one is blank', async () => {
    const product = await createProduct({
      nameZh: '桂花乌龙',
      descriptionZh: '花香。',
      price: '68.00',
      stock: 5,
      slug: `osmanthus-${Date.now().toString(36)}`,
    });
    const listed = (await products({ 'accept-language': 'en' })).find((p) => p.id === product.id);
    expect(listed).toMatchObject({ name: '桂花乌龙', description: '花香。' });
  });
});

describe('orders', () => {
  it('send WeChat the Chinese name, whatever the shopper reads', async () => {
    const shopper = await newShopper(base);
    const product = await longjing();
    const res = await shopper.request('POST', '/api/orders', {
      json: { items: [{ productId: product.id, quantity: 1 }] },
      headers: { 'accept-language': 'en' },
    });
    expect(res.status, res.text).toBe(201);
    // The sandbox's phone page shows the body it received in unifiedorder.
    const scan = await (await fetch(`${base}/sandbox/scan?pr=${tokenOf(res.body.codeUrl)}`)).text();
    expect(scan).toContain('西湖龙井绿茶 250 克');
    expect(scan).not.toContain('Longjing Green Tea');
    // …and the order keeps the Chinese name it copied.
    const items = (await operator.get(`/api/admin/orders/${res.body.orderNo}`)).body.items;
    expect(items).toMatchObject([{ productId: product.id, name: '西湖龙井绿茶 250 克' }]);
  });

  it('say why not in the request’s language, with the product’s name in it', async () => {
    const product = await createProduct({ nameZh: '售罄测试', nameEn: 'Sold-out probe', price: '1.00', stock: 0, slug: `sold-out-${Date.now().toString(36)}` });
    const shopper = await newShopper(base);
    const order = (language: string) =>
      shopper.request('POST', '/api/orders', { json: { items: [{ productId: product.id, quantity: 1 }] }, headers: { 'accept-language': language } });
    const english = await order('en');
    expect(english.status).toBe(409);
    expect(english.body).toMatchObject({ product: 'Sold-out probe', error: 'Sold-out probe is out of stock' });
    const chinese = await order('zh-CN');
    expect(chinese.status).toBe(409);
    expect(chinese.body).toMatchObject({ product: '售罄测试', error: '售罄测试库存不足' });
  });
});
