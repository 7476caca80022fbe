// GET /api/admin/anomalies and POST /api/admin/anomalies/{payLogId}/resolve: amount mismatches,
// second payments and rejected notifies are listed until an operator resolves them (unverified
// ones, which anyone can forge, never are); the resolution (who, when, why) lives in
// anomaly_resolutions and the pay log never changes.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { admin, type ApiClient, payLogsFor } from '../../support/api';
import { allPages, namedShopper, notify, pay, placeOrder, type Placed } from './helpers';

const base = inject('baseUrl');

interface Anomaly {
  id: number;
  orderNo: string | null;
  username: string | null;
  verdict: string;
  kind: string;
  detail: string | null;
  resolution: { resolvedBy: string; note: string; resolvedAt: string } | null;
}

let operator: ApiClient;
let username: string;
let paidTwice: Placed, wrongAmount: Placed;
let secondPaymentId: number, mismatchId: number, rejectedId: number, forgedId: number, appliedId: number;

const open = () => allPages<Anomaly>(operator, '/api/admin/anomalies?status=open');
const resolved = () => allPages<Anomaly>(operator, '/api/admin/anomalies?status=resolved');
const resolve = (id: number | string, note: unknown) => operator.post(`/api/admin/anomalies/${id}/resolve`, { note });

beforeAll(async () => {
  operator = await admin(base);
  const shopper = await namedShopper(base, 'anom');
  username = shopper.username;
  paidTwice = await placeOrder(shopper.client);
  wrongAmount = await placeOrder(shopper.client);
  await pay(base, paidTwice);
  await notify(base, paidTwice); // another transaction for an order already paid
  await notify(base, wrongAmount, { overrides: { total_fee: '1', cash_fee: '1' } });
  await notify(base, wrongAmount, { key: 'Y'.repeat(32) }); // forged: wrong key
  await notify(base, wrongAmount, { overrides: { mch_id: '1999999999' } }); // signed, another merchant's
  const logs = [...(await payLogsFor(operator, paidTwice.orderNo)), ...(await payLogsFor(operator, wrongAmount.orderNo))] as unknown as {
    id: number;
    verdict: string;
    detail: string;
  }[];
  appliedId = logs.find((l) => l.verdict === 'applied')!.id;
  secondPaymentId = logs.find((l) => l.verdict === 'anomaly' && l.detail.startsWith('second payment'))!.id;
  mismatchId = logs.find((l) => l.verdict === 'anomaly' && l.detail.startsWith('amount'))!.id;
  rejectedId = logs.find((l) => l.verdict === 'rejected')!.id;
  forgedId = logs.find((l) => l.verdict === 'unverified')!.id;
});

describe('GET /api/admin/anomalies', () => {
  it('lists open anomalies and rejected messages with their kind, and nothing else (no unverified message)', async () => {
    const rows = await open();
    const mine = rows.filter((r) => r.username === username);
    expect(mine.map((r) => [r.id, r.kind]).sort()).toEqual(
      [
        [secondPaymentId, 'second_payment'],
        [mismatchId, 'amount_mismatch'],
        [rejectedId, 'rejected_notify'],
      ].sort(),
    );
    expect(rows.every((r) => (r.verdict === 'anomaly' || r.verdict === 'rejected') && r.resolution === null)).toBe(true);
    expect(rows.some((r) => r.id === appliedId)).toBe(false);
  });

  it('answers 400 for an unknown status', async () => {
    const res = await operator.get('/api/admin/anomalies?status=maybe');
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty('status');
  });
});

describe('POST /api/admin/anomalies/{payLogId}/resolve', () => {
  it('records who resolved it and why, moves it to resolved, and leaves the pay log as it was', async () => {
    const before = (await payLogsFor(operator, paidTwice.orderNo)).find((l) => (l as unknown as { id: number }).id === secondPaymentId);
    const res = await resolve(secondPaymentId, '  Refunded the second payment in the merchant platform  ');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ payLogId: secondPaymentId, note: 'Refunded the second payment in the merchant platform', resolvedBy: expect.any(Number) });
    expect(Date.now() - new Date(res.body.resolvedAt).getTime()).toBeLessThan(60_000);

    expect((await open()).some((r) => r.id === secondPaymentId)).toBe(false);
    const done = (await resolved()).find((r) => r.id === secondPaymentId)!;
    expect(done.resolution).toMatchObject({ resolvedBy: 'admin', note: 'Refunded the second payment in the merchant platform' });

    const after = (await payLogsFor(operator, paidTwice.orderNo)).find((l) => (l as unknown as { id: number }).id === secondPaymentId);
    expect(after).toEqual(before);
    const order = (await operator.get(`/api/admin/orders/${paidTwice.orderNo}`)).body;
    expect(order.status).toBe('paid');
    expect(order.timeline.find((l: { id: number }) => l.id === secondPaymentId).resolution).toMatchObject({ resolvedBy: 'admin' });
  });

  it('resolves a rejected notify too, but not an unverified one (404: it is not in the queue)', async () => {
    expect((await resolve(rejectedId, 'Another merchant’s notify; ignored')).status).toBe(201);
    expect((await resolved()).find((r) => r.id === rejectedId)?.resolution?.note).toBe('Another merchant’s notify; ignored');
    expect((await resolve(forgedId, 'Forged: signed with another key')).status).toBe(404);
  });

  it('resolves once when operators race, and 409 afterwards', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => resolve(mismatchId, `Refunded ¥0.01 (${i})`)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect((await resolve(mismatchId, 'again')).status).toBe(409);
    expect((await resolved()).filter((r) => r.id === mismatchId)).toHaveLength(1);
  });

  it('answers 404 for a pay log that is not an anomaly, 400 for a bad note or id', async () => {
    expect((await resolve(appliedId, 'nothing wrong')).status).toBe(404);
    expect((await resolve(999_999_999, 'no such log')).status).toBe(404);
    for (const note of ['', '   ', 'x'.repeat(501), 42, null]) {
      const res = await resolve(rejectedId, note);
      expect(res.status, JSON.stringify(note)).toBe(400);
      expect(res.body.fields).toHaveProperty('note');
    }
    expect((await resolve('abc', 'note')).status).toBe(400);
    expect((await resolve('0', 'note')).status).toBe(400);
  });
});
