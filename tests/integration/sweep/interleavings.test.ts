// Property: whatever order payments, duplicate and dropped notifies, status polls, refunds and
// sweeps happen in, stock is conserved, every paid order has exactly one applied pay log, and no
// order is refunded a fen more than its successful refunds.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, type ApiClient, catalog, newShopper, waitFor } from '../../support/api';
import { startAppServer, type AppServer } from '../../support/app-server';
import { expectMoneyInvariants } from '../../support/invariants';
import { TEST_ENV } from '../../support/test-env';
import { notifyXml, postNotify } from '../payments/notify-message';

let server: AppServer;
let base: string;
let operator: ApiClient;

beforeAll(async () => {
  server = await startAppServer({ port: Number(process.env.TEST_PORT ?? 3101) + 30, name: 'interleavings', env: { ORDER_TTL_SECONDS: '2' } });
  base = server.baseUrl;
  operator = await admin(base);
});

afterAll(async () => {
  await server?.stop();
});

type Step =
  | { kind: 'pay'; order: number; notify: 'normal' | 'drop' | 'duplicate' }
  | { kind: 'replay'; order: number }
  | { kind: 'poll'; order: number }
  | { kind: 'refund'; order: number; part: 'fen' | 'half' | 'all'; restock: boolean }
  | { kind: 'sweep' }
  | { kind: 'wait'; ms: number };

const ORDERS = 5;
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('pay' as const),
    order: fc.nat(ORDERS - 1),
    notify: fc.constantFrom('normal' as const, 'drop' as const, 'duplicate' as const),
  }),
  fc.record({ kind: fc.constant('replay' as const), order: fc.nat(ORDERS - 1) }),
  fc.record({ kind: fc.constant('poll' as const), order: fc.nat(ORDERS - 1) }),
  fc.record({
    kind: fc.constant('refund' as const),
    order: fc.nat(ORDERS - 1),
    part: fc.constantFrom('fen' as const, 'half' as const, 'all' as const),
    restock: fc.boolean(),
  }),
  fc.constant({ kind: 'sweep' as const }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 1500 }) }),
);

const json = { 'content-type': 'application/json' };
const sweep = () => fetch(`${base}/api/cron/sweep`, { headers: { authorization: `Bearer ${TEST_ENV.CRON_SECRET}` } });

async function openRefunds(): Promise<number> {
  const [requested, processing] = await Promise.all(['requested', 'processing'].map((status) => operator.get(`/api/admin/refunds?status=${status}`)));
  return requested.body.items.length + processing.body.items.length;
}

describe('random interleavings of pay, notify, query, refund and sweep', () => {
  it('keep the money invariants', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 14 }), async (steps) => {
        const shopper = await newShopper(base);
        const products = await catalog(base);
        const orders: { orderNo: string; totalFee: number; codeUrl: string; productId: number; transactionId?: string }[] = [];
        for (let i = 0; i < ORDERS; i++) {
          const product = products[(i * 3) % products.length];
          const res = await shopper.post('/api/orders', { items: [{ productId: product.id, quantity: 1 + (i % 2) }] });
          expect(res.status).toBe(201);
          orders.push({ ...res.body, productId: product.id });
        }
        // Steps run two at a time, so neighbours genuinely race.
        const run = async (s: Step) => {
          const order = 'order' in s ? orders[s.order] : undefined;
          switch (s.kind) {
            case 'pay': {
              if (s.notify !== 'normal') {
                await fetch(`${base}/sandbox/faults`, {
                  method: 'POST',
                  headers: json,
                  body: JSON.stringify({ outTradeNo: order!.orderNo, notify: s.notify, ...(s.notify === 'duplicate' ? { count: 3 } : {}) }),
                });
              }
              const token = new URL(order!.codeUrl).searchParams.get('pr');
              const res = await fetch(`${base}/sandbox/scan/${token}/pay`, { method: 'POST', headers: json, body: '{}' });
              if (res.ok) order!.transactionId = (await res.json()).transactionId;
              return;
            }
            case 'replay':
              if (order!.transactionId) await postNotify(base, notifyXml(order!, { overrides: { transaction_id: order!.transactionId } }));
              return;
            case 'poll':
              await shopper.get(`/api/orders/${order!.orderNo}/status`);
              return;
            case 'refund': {
              // Refused (409, 400) unless the order is paid here and the amount and units still fit.
              const refundFen = s.part === 'fen' ? 1 : s.part === 'half' ? Math.floor(order!.totalFee / 2) : order!.totalFee;
              await operator.post(`/api/admin/orders/${order!.orderNo}/refunds`, {
                refundFen,
                reason: 'interleaving',
                idempotencyKey: `il${Math.random().toString(36).slice(2, 12)}`,
                restockItems: s.restock ? [{ productId: order!.productId, quantity: 1 }] : [],
              });
              return;
            }
            case 'sweep':
              await sweep();
              return;
            case 'wait':
              await new Promise((r) => setTimeout(r, s.ms));
          }
        };
        for (let i = 0; i < steps.length; i += 2) await Promise.all(steps.slice(i, i + 2).map(run));

        // Let every order reach a final state: past WeChat's minimum close age, sweep until none is left.
        await new Promise((r) => setTimeout(r, 3200));
        await waitFor(
          async () => {
            const summary = await (await sweep()).json();
            return summary.left === 0 && (await openRefunds()) === 0;
          },
          20_000,
          300,
        );
        await fetch(`${base}/sandbox/faults`, { method: 'DELETE' });
        const { orders: all } = await expectMoneyInvariants(operator);
        for (const o of orders) {
          const final = all.find((a) => a.orderNo === o.orderNo)!;
          // Paid at WeChat ⇔ paid here (and perhaps refunded since).
          expect(o.transactionId ? ['paid', 'partially_refunded', 'refunded'] : ['closed']).toContain(final.status);
        }
      }),
      { numRuns: 6 },
    );
  });
});
