// Building blocks for the console's tests: orders placed and paid through the app's own API (a
// signed notify, as WeChat would send it), every page of a paginated admin list, and a CSV reader.
import { expect } from 'vitest';
import { formatWxTime } from '@/lib/wechatpay';
import { ApiClient, type ApiResponse, catalog, uniqueName } from '../../support/api';
import { notifyXml, postNotify, transactionId } from '../payments/notify-message';

export const SHIPPING = { name: 'Han Meimei', phone: '13900139000', address: '2 Huaihai Road, Shanghai' };

export interface Placed {
  orderNo: string;
  totalFee: number;
}

/** A pending order for one unit of a well-stocked seeded product. */
export async function placeOrder(shopper: ApiClient, opts: { quantity?: number; productId?: number } = {}): Promise<Placed> {
  const productId = opts.productId ?? (await catalog(shopper.baseUrl)).find((p) => p.stock >= 20)!.id;
  const res = await shopper.post('/api/orders', { items: [{ productId, quantity: opts.quantity ?? 1 }], shipping: SHIPPING });
  expect(res.status, res.text).toBe(201);
  return { orderNo: res.body.orderNo, totalFee: res.body.totalFee };
}

/** Sends a signed payment notify for the order; `paidAt` becomes its time_end (WeChat's payment time). */
export async function notify(base: string, order: Placed, opts: { paidAt?: Date; overrides?: Record<string, string>; key?: string } = {}) {
  const overrides = { transaction_id: transactionId(), ...(opts.paidAt ? { time_end: formatWxTime(opts.paidAt) } : {}), ...opts.overrides };
  const res = await postNotify(base, notifyXml(order, { overrides, key: opts.key }));
  expect(res.status).toBe(200);
  return { ...res, transactionId: overrides.transaction_id };
}

export async function pay(base: string, order: Placed, paidAt?: Date) {
  const res = await notify(base, order, { paidAt });
  expect(res.text).toContain('SUCCESS');
  return res.transactionId;
}

/** Every item of a keyset-paginated admin list, following nextCursor. */
export async function allPages<T>(client: ApiClient, path: string, limit = 500): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: ApiResponse = await client.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, res.text).toBe(200);
    rows.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (++pages > 10_000) throw new Error('pagination does not end');
  } while (cursor);
  return rows;
}

/** RFC 4180: quoted fields, doubled quotes, CRLF rows; a leading BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

/** YYYY-MM-DD of an instant in a time zone. */
export function dayIn(instant: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** A freshly signed-up shopper whose username we know (for the `user` filters). */
export async function namedShopper(base: string, prefix = 'adm'): Promise<{ client: ApiClient; username: string }> {
  const client = new ApiClient(base);
  const username = uniqueName(prefix).toLowerCase();
  const res = await client.post('/api/users', { username, password: 'correct horse battery' });
  expect(res.status, res.text).toBe(201);
  return { client, username };
}
