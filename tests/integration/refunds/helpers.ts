// Building blocks for the refund tests: orders paid through the sandbox (so WeChat's side knows the
// transaction the shop refunds), the refund route, the sweep, and genuine refund notifies built with
// lib/wechatpay for the race tests.
import { expect, inject } from 'vitest';
import { buildRefundNotify, nonce } from '@/lib/wechatpay';
import { admin, type ApiClient, catalog, newShopper, payAtSandbox, waitFor } from '../../support/api';
import { TEST_ENV } from '../../support/test-env';
import { SHIPPING } from '../admin/helpers';

export const base = inject('baseUrl');

export interface PaidOrder {
  orderNo: string;
  totalFee: number;
  transactionId: string;
  productId: number;
  quantity: number;
  shopper: ApiClient;
}

let operatorClient: ApiClient | undefined;
export async function operator(): Promise<ApiClient> {
  operatorClient ??= await admin(base);
  return operatorClient;
}

/** An order of `quantity` units of a well-stocked product, paid at the sandbox and applied by its notify. */
export async function paidOrder(quantity = 1): Promise<PaidOrder> {
  const shopper = await newShopper(base);
  const product = (await catalog(base)).find((p) => p.stock >= 20 && p.priceFen * quantity >= 300)!;
  const res = await shopper.post('/api/orders', { items: [{ productId: product.id, quantity }], shipping: SHIPPING });
  expect(res.status, res.text).toBe(201);
  const { transactionId } = await payAtSandbox(base, res.body.codeUrl);
  await waitFor(async () => (await shopper.get(`/api/orders/${res.body.orderNo}/status`)).body.status === 'paid');
  return { orderNo: res.body.orderNo, totalFee: res.body.totalFee, transactionId, productId: product.id, quantity, shopper };
}

let keys = 0;
export function idempotencyKey(): string {
  keys += 1;
  return `k${Date.now().toString(36)}${keys}${Math.random().toString(36).slice(2, 10)}`;
}

export async function refund(orderNo: string, body: Record<string, unknown>) {
  return (await operator()).post(`/api/admin/orders/${encodeURIComponent(orderNo)}/refunds`, { reason: 'test', idempotencyKey: idempotencyKey(), ...body });
}

export interface RefundItem {
  outRefundNo: string;
  orderNo: string;
  transactionId: string;
  refundFen: number;
  status: string;
  reason: string;
  createdAt: string;
  succeededAt: string | null;
}

export async function refundsOf(orderNo: string): Promise<RefundItem[]> {
  const res = await (await operator()).get(`/api/admin/refunds?orderNo=${encodeURIComponent(orderNo)}&limit=500`);
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}

export async function waitForRefund(orderNo: string, outRefundNo: string, status: string, timeoutMs = 10_000): Promise<RefundItem> {
  return waitFor(async () => (await refundsOf(orderNo)).find((r) => r.outRefundNo === outRefundNo && r.status === status), timeoutMs);
}

export async function sweep() {
  const res = await fetch(`${base}/api/cron/sweep`, { headers: { authorization: `Bearer ${TEST_ENV.CRON_SECRET}` } });
  expect(res.status).toBe(200);
  return res.json();
}

export async function orderStatus(order: PaidOrder): Promise<string> {
  return (await order.shopper.get(`/api/orders/${order.orderNo}/status`)).body.status;
}

/** A refund notify as WeChat sends it, encrypted with `key` (ours unless a test forges one). */
export function refundNotifyXml(
  order: PaidOrder,
  r: { outRefundNo: string; refundFee: number; refundId?: string; status?: 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE' },
  key: string = TEST_ENV.WXPAY_KEY,
): string {
  return buildRefundNotify(
    { appid: TEST_ENV.WXPAY_APPID, mchId: TEST_ENV.WXPAY_MCH_ID, nonceStr: nonce() },
    {
      outRefundNo: r.outRefundNo,
      refundId: r.refundId ?? '50300000000000000000000000001',
      transactionId: order.transactionId,
      outTradeNo: order.orderNo,
      totalFee: order.totalFee,
      refundFee: r.refundFee,
      settlementRefundFee: r.refundFee,
      refundStatus: r.status ?? 'SUCCESS',
      successTime: new Date(),
      refundRecvAccout: '支付用户零钱',
      refundAccount: 'REFUND_SOURCE_RECHARGE_FUNDS',
      refundRequestSource: 'API',
    },
    key,
  );
}

export async function postRefundNotify(body: string) {
  const res = await fetch(`${base}/api/wxpay/refund-notify`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  return { status: res.status, text: await res.text() };
}

export const SUCCESS = /<return_code><!\[CDATA\[SUCCESS\]\]><\/return_code>/;
export const FAIL = /<return_code><!\[CDATA\[FAIL\]\]><\/return_code>/;

/** TEST_ENV's time scale is 0.01: the sandbox refuses two refunds of one order less than 600 ms apart. */
export const refundGap = () => new Promise((r) => setTimeout(r, 650));
