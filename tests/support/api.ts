// A tiny HTTP client for tests: keeps the session cookie like a browser would.
import { randomBytes } from 'node:crypto';
import { TEST_ENV } from './test-env';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export class ApiClient {
  cookie = '';

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    opts: { json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (opts.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: opts.json !== undefined ? JSON.stringify(opts.json) : opts.body,
      redirect: 'manual',
    });
    // `session` in sandbox mode, `__Host-session` in live mode.
    const setCookie = res.headers.getSetCookie().find((c) => /^(__Host-)?session=/.test(c));
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (XML, HTML): keep the text
    }
    return { status: res.status, body, text, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, json: unknown) {
    return this.request<T>('POST', path, { json });
  }
}

export function uniqueName(prefix = 'u'): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A freshly signed-up shopper. */
export async function newShopper(baseUrl: string): Promise<ApiClient> {
  const client = new ApiClient(baseUrl);
  const res = await client.post('/api/users', { username: uniqueName(), password: 'correct horse battery' });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${res.text}`);
  return client;
}

export async function admin(baseUrl: string): Promise<ApiClient> {
  const client = new ApiClient(baseUrl);
  const res = await client.post('/api/session', { username: TEST_ENV.ADMIN_USERNAME, password: TEST_ENV.ADMIN_PASSWORD });
  if (res.status !== 200) throw new Error(`admin sign-in failed: ${res.status} ${res.text}`);
  return client;
}

export interface CatalogItem {
  id: number;
  slug: string;
  name: string;
  priceFen: number;
  stock: number;
}

export async function catalog(baseUrl: string): Promise<CatalogItem[]> {
  const res = await fetch(`${baseUrl}/api/products`);
  return res.json();
}

export async function stockOf(baseUrl: string, productId: number): Promise<number> {
  const product = (await catalog(baseUrl)).find((p) => p.id === productId);
  if (!product) throw new Error(`no product ${productId}`);
  return product.stock;
}

export async function payLogsFor(adminClient: ApiClient, orderNo: string) {
  const res = await adminClient.get(`/api/admin/pay-logs?orderNo=${encodeURIComponent(orderNo)}&limit=500`);
  if (res.status !== 200) throw new Error(`pay-logs: ${res.status} ${res.text}`);
  return res.body.items as {
    verdict: string;
    source: string;
    tradeState: string;
    transactionId: string | null;
    totalFee: number | null;
    detail: string | null;
  }[];
}

export async function waitFor<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A pending order for one unit of the first product in stock. */
export async function placeOrder(shopper: ApiClient) {
  const product = (await catalog(shopper.baseUrl)).find((p) => p.stock > 0);
  if (!product) throw new Error('no product in stock');
  const res = await shopper.post('/api/orders', { items: [{ productId: product.id, quantity: 1 }] });
  if (res.status !== 201) throw new Error(`checkout failed: ${res.status} ${res.text}`);
  return res.body as { orderNo: string; totalFee: number; codeUrl: string; expiresAt: string };
}

/** Sets the sandbox's fault knobs, e.g. { outTradeNo, notify: 'drop' } (POST /sandbox/faults). */
export async function sandboxFault(baseUrl: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${baseUrl}/sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`sandbox faults: ${res.status} ${await res.text()}`);
}

export async function clearSandboxFaults(baseUrl: string): Promise<void> {
  await fetch(`${baseUrl}/sandbox/faults`, { method: 'DELETE' });
}

/** The simulated shopper scans the order's QR code and pays. */
export async function payAtSandbox(baseUrl: string, codeUrl: string): Promise<{ transactionId: string }> {
  const token = new URL(codeUrl).searchParams.get('pr');
  const res = await fetch(`${baseUrl}/sandbox/scan/${token}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (res.status !== 200) throw new Error(`sandbox pay: ${res.status} ${await res.text()}`);
  return (await res.json()) as { transactionId: string };
}
