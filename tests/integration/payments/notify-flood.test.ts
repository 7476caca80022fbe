// A flood of notifies nobody signed: anyone on the internet can send them, so each must cost the
// shop little (a bounded excerpt, at most UNVERIFIED_KEPT_PER_MINUTE stored rows a minute), none
// may reach the operator's anomaly queue, and real payments keep working.
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { EXCERPT_BYTES } from '@/lib/payments/message-excerpt';
import { UNVERIFIED_KEPT_PER_MINUTE } from '@/lib/payments/log-unverified';
import { buildXml } from '@/lib/wechatpay';
import { admin, catalog, newShopper } from '../../support/api';
import { allPages } from '../admin/helpers';
import { notifyXml, postNotify } from './notify-message';

const base = inject('baseUrl');
const databaseUrl = inject('databaseUrl');

// The cap is per minute across the whole server: later files must not find this minute used up.
afterAll(async () => {
  const nextMinute = Math.ceil((Date.now() + 1) / 60_000) * 60_000;
  await new Promise((r) => setTimeout(r, nextMinute - Date.now() + 500));
}, 70_000);

/** About 60 KB spread over 60 fields, under the 64 KB cap, so every one is parsed and fails its signature check. */
function forged(orderNo: string, i: number): string {
  const padding = Object.fromEntries(Array.from({ length: 60 }, (_, f) => [`pad_${f}`, 'x'.repeat(1000)]));
  const fields = { return_code: 'SUCCESS', result_code: 'SUCCESS', out_trade_no: orderNo, total_fee: '1', transaction_id: `4200${i}`, ...padding };
  return buildXml(i % 2 === 0 ? fields : { ...fields, sign: 'F'.repeat(64) });
}

const bytesOf = (raw: Record<string, string>) => Object.entries(raw).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);

describe('POST /api/wxpay/notify under a flood of unsigned messages', () => {
  it('stores at most a bounded excerpt per message and a capped number per minute, opens no anomaly, and still applies a real notify', async () => {
    const operator = await admin(base);
    const shopper = await newShopper(base);
    const product = (await catalog(base)).find((p) => p.stock > 0)!;
    const order = (await shopper.post('/api/orders', { items: [{ productId: product.id, quantity: 1 }] })).body as { orderNo: string; totalFee: number };

    const sent = Array.from({ length: 100 }, (_, i) => forged(order.orderNo, i));
    expect(sent.every((body) => body.length > 60_000 && body.length < 64 * 1024)).toBe(true);
    for (let i = 0; i < sent.length; i += 10) {
      const replies = await Promise.all(sent.slice(i, i + 10).map((body) => postNotify(base, body)));
      for (const r of replies) {
        expect(r.status).toBe(200);
        expect(r.text).toContain('FAIL');
      }
    }

    const detail = await operator.get(`/api/admin/orders/${order.orderNo}`);
    const stored = (detail.body.timeline as { verdict: string; raw: Record<string, string> | null }[]).filter((l) => l.verdict === 'unverified');
    // The 100 may straddle a minute boundary: two minutes' worth at most.
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThanOrEqual(2 * UNVERIFIED_KEPT_PER_MINUTE);
    for (const log of stored) expect(bytesOf(log.raw!)).toBeLessThanOrEqual(EXCERPT_BYTES);
    expect(stored.reduce((n, l) => n + bytesOf(l.raw!), 0)).toBeLessThanOrEqual(2 * UNVERIFIED_KEPT_PER_MINUTE * EXCERPT_BYTES);
    // What an operator searches for survives the cut.
    expect(stored[0].raw).toMatchObject({ out_trade_no: order.orderNo });

    if (databaseUrl) {
      // On PostgreSQL the bytes on disk and the counter can be read directly.
      const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      try {
        const [row] = await sql<{ n: number; bytes: number }[]>`
          select count(*)::int as n, coalesce(sum(pg_column_size(raw)), 0)::int as bytes from pay_logs where order_no = ${order.orderNo}`;
        expect(row.n).toBe(stored.length);
        expect(row.bytes).toBeLessThan(100 * 1024);
        const [{ received }] = await sql<{ received: number }[]>`
          select coalesce(sum(received), 0)::int as received from unverified_message_counts where source = 'notify' and minute > now() - interval '5 minutes'`;
        expect(received).toBeGreaterThanOrEqual(100);
      } finally {
        await sql.end();
      }
    }

    const open = await allPages<{ orderNo: string | null; verdict: string }>(operator, '/api/admin/anomalies?status=open');
    expect(open.filter((a) => a.orderNo === order.orderNo)).toEqual([]);
    expect(open.every((a) => a.verdict !== 'unverified')).toBe(true);
    // The pay-log page still finds them by verdict.
    const listed = await operator.get(`/api/admin/pay-logs?orderNo=${order.orderNo}&verdict=unverified&limit=500`);
    expect(listed.body.items).toHaveLength(stored.length);

    const real = await postNotify(base, notifyXml(order));
    expect(real.text).toContain('SUCCESS');
    expect((await shopper.get(`/api/orders/${order.orderNo}/status`)).body.status).toBe('paid');
  });
});
