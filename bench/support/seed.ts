// Seeding through the servers' own APIs, with bounded concurrency: the app's rows come from its
// sign-up and checkout routes (and the admin API for bench products), never from hand-written SQL;
// the baseline's rows come from its own endpoints.
import { randomBytes } from 'node:crypto';
import { admin, ApiClient } from '@/tests/support/api';
import { inParallel } from './load';

export interface Shopper {
  cookie: string;
}

export interface PendingOrder {
  orderNo: string;
  totalFee: number;
  codeUrl?: string;
  /** The owner's session cookie (`session=…`). */
  cookie: string;
}

const uniq = (prefix: string) => `${prefix}${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
const MAX_PENDING_PER_SHOPPER = 20;

// ---------------------------------------------------------------------------------------------
// The app
// ---------------------------------------------------------------------------------------------

/** A product with its own stock, created by the operator through the admin API. */
export async function createProduct(baseUrl: string, opts: { name: string; stock: number; price?: string }): Promise<{ id: number; priceFen: number }> {
  const operator = await admin(baseUrl);
  const res = await operator.post('/api/admin/products', {
    name: opts.name,
    slug: uniq('bench-').toLowerCase(),
    price: opts.price ?? '1.00',
    stock: opts.stock,
  });
  if (res.status !== 201) throw new Error(`create product: ${res.status} ${res.text}`);
  return { id: res.body.id, priceFen: res.body.priceFen };
}

export async function appShoppers(baseUrl: string, count: number, concurrency = 8): Promise<Shopper[]> {
  return inParallel(Array.from({ length: count }), concurrency, async () => {
    const client = new ApiClient(baseUrl);
    const res = await client.post('/api/users', { username: uniq('b'), password: 'correct horse battery' });
    if (res.status !== 201) throw new Error(`sign-up: ${res.status} ${res.text}`);
    return { cookie: client.cookie };
  });
}

async function appCheckout(baseUrl: string, cookie: string, productId: number): Promise<PendingOrder> {
  const client = new ApiClient(baseUrl);
  client.cookie = cookie;
  let res = await client.post('/api/orders', { items: [{ productId, quantity: 1 }] });
  // The app's own sandbox too slow to answer unifiedorder on a loaded machine: that order was closed
  // (its stock returned), so place another.
  for (let retry = 0; res.status === 502 && retry < 3; retry++) res = await client.post('/api/orders', { items: [{ productId, quantity: 1 }] });
  if (res.status !== 201) throw new Error(`checkout: ${res.status} ${res.text}`);
  return { orderNo: res.body.orderNo, totalFee: res.body.totalFee, codeUrl: res.body.codeUrl, cookie };
}

/** `count` pending orders through POST /api/orders, at most 20 per shopper (the app's cap). */
export async function appPendingOrders(
  baseUrl: string,
  opts: { count: number; productId: number; concurrency?: number; shoppers?: Shopper[] },
): Promise<PendingOrder[]> {
  const shoppers = opts.shoppers ?? (await appShoppers(baseUrl, Math.ceil(opts.count / MAX_PENDING_PER_SHOPPER), opts.concurrency));
  // Round-robin over shoppers so concurrent checkouts rarely wait on one shopper's row lock.
  const owners = Array.from({ length: opts.count }, (_, i) => shoppers[i % shoppers.length]);
  return inParallel(owners, opts.concurrency ?? 16, (s) => appCheckout(baseUrl, s.cookie, opts.productId));
}

// ---------------------------------------------------------------------------------------------
// The baseline (its own rows in the same database)
// ---------------------------------------------------------------------------------------------

export async function baselineShoppers(baseUrl: string, count: number, concurrency = 16): Promise<Shopper[]> {
  return inParallel(Array.from({ length: count }), concurrency, async () => {
    const res = await fetch(`${baseUrl}/users`, { method: 'POST', body: JSON.stringify({ username: uniq('base') }) });
    if (res.status !== 201) throw new Error(`baseline user: ${res.status} ${await res.text()}`);
    return { cookie: res.headers.getSetCookie()[0].split(';')[0] };
  });
}

export async function baselinePendingOrders(baseUrl: string, opts: { count: number; productId: number; concurrency?: number }): Promise<PendingOrder[]> {
  const shoppers = await baselineShoppers(baseUrl, Math.ceil(opts.count / MAX_PENDING_PER_SHOPPER));
  const owners = Array.from({ length: opts.count }, (_, i) => shoppers[i % shoppers.length]);
  return inParallel(owners, opts.concurrency ?? 16, async (s) => {
    const res = await fetch(`${baseUrl}/orders`, {
      method: 'POST',
      headers: { cookie: s.cookie },
      body: JSON.stringify({ items: [{ productId: opts.productId, quantity: 1 }] }),
    });
    if (res.status !== 201) throw new Error(`baseline checkout: ${res.status} ${await res.text()}`);
    const body = await res.json();
    return { orderNo: body.orderNo, totalFee: body.totalFee, cookie: s.cookie };
  });
}
