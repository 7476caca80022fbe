// Shared by the sandbox's integration tests: they talk to the running app server over real HTTP,
// sign with the test merchant's key (TEST_ENV) and receive notifies on a local listener.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, inject } from 'vitest';
import { buildXml, formatWxTime, nonce, parseXml, sign, verify, type SignType, type WxFields } from '@/lib/wechatpay';
import { TEST_ENV } from '../../support/test-env';

export const base = inject('baseUrl');

export const merchant = { appid: TEST_ENV.WXPAY_APPID, mchId: TEST_ENV.WXPAY_MCH_ID, key: TEST_ENV.WXPAY_KEY };

/** A fresh out_trade_no per test, within WeChat's 6–32 characters. */
export function newOutTradeNo(): string {
  return `T${Date.now()}${Math.random().toString(36).slice(2, 10)}`;
}

export type Endpoint = 'unifiedorder' | 'orderquery' | 'closeorder' | 'refundquery';

export interface V2Reply {
  status: number;
  contentType: string | null;
  text: string;
  fields: WxFields;
}

/** POSTs `body` as is to /sandbox/pay/<endpoint>. */
export async function postXml(endpoint: Endpoint, body: string, init: RequestInit = {}): Promise<V2Reply> {
  const response = await fetch(`${base}/sandbox/pay/${endpoint}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml' },
    body,
    ...init,
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), text, fields: parseXml(text) };
}

export interface CallOptions {
  /** Sent as sign_type unless omitted is true; the request is signed with it. Default MD5. */
  signType?: SignType;
  /** Leave sign_type out of the request (WeChat then assumes MD5). */
  omitSignType?: boolean;
  key?: string;
}

/**
 * Adds appid, mch_id, nonce_str (unless given; undefined removes one), signs and POSTs. Every reply is
 * checked against the envelope rules: HTTP 200 + text/xml; a FAIL carries only return_code/return_msg;
 * a SUCCESS verifies with the request's sign type and has no sign_type.
 */
export async function callV2(endpoint: Endpoint, business: Record<string, string | number | undefined>, options: CallOptions = {}): Promise<WxFields> {
  const signType = options.signType ?? 'MD5';
  const fields = withoutUndefined({
    appid: merchant.appid,
    mch_id: merchant.mchId,
    nonce_str: nonce(),
    ...(options.omitSignType ? {} : { sign_type: signType }),
    ...business,
  });
  const reply = await postXml(endpoint, buildXml({ ...fields, sign: sign(fields, options.key ?? merchant.key, signType) }));
  expectEnvelope(reply, signType);
  return reply.fields;
}

export function expectEnvelope(reply: V2Reply, signType: SignType): void {
  expect(reply.status).toBe(200);
  expect(reply.contentType).toMatch(/^text\/xml/);
  const { fields } = reply;
  if (fields.return_code !== 'SUCCESS') {
    expect(fields.return_code).toBe('FAIL');
    expect(Object.keys(fields).sort()).toEqual(['return_code', 'return_msg']);
    return;
  }
  expect(fields.sign_type).toBeUndefined();
  expect(verify(fields, merchant.key, signType)).toBe(true);
  expect(fields.return_msg).toBe('OK');
  expect(fields.mch_id).toBe(merchant.mchId);
  expect(fields.nonce_str).toMatch(/^[0-9A-Za-z]{16}$/);
  expect(['SUCCESS', 'FAIL']).toContain(fields.result_code);
  if (fields.result_code === 'FAIL') {
    expect(fields.err_code).toBeTruthy();
    expect(fields.err_code_des).toBeTruthy();
  }
}

function withoutUndefined(fields: Record<string, string | number | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
}

/** A valid Native unifiedorder, 15 minutes to pay; override or remove (undefined) any field. */
export function orderFields(overrides: Record<string, string | number | undefined> = {}): Record<string, string | number | undefined> {
  return {
    body: 'Teahouse-Longjing 250g',
    out_trade_no: newOutTradeNo(),
    total_fee: 6800,
    spbill_create_ip: '127.0.0.1',
    time_expire: formatWxTime(new Date(Date.now() + 15 * 60_000)),
    // Port 9 (discard) refuses connections: notifies for orders a test does not listen to go nowhere.
    notify_url: 'http://127.0.0.1:9/api/wxpay/notify',
    trade_type: 'NATIVE',
    product_id: 'longjing-250',
    ...overrides,
  };
}

/** Places an order and returns the reply and its QR token. */
export async function placeOrder(overrides: Record<string, string | number | undefined> = {}, options: CallOptions = {}) {
  const fields = orderFields(overrides);
  const reply = await callV2('unifiedorder', fields, options);
  expect(reply.result_code, reply.err_code_des).toBe('SUCCESS');
  return { outTradeNo: String(fields.out_trade_no), reply, token: tokenOf(reply.code_url) };
}

export function tokenOf(codeUrl: string): string {
  const match = /^weixin:\/\/wxpay\/bizpayurl\?pr=([0-9A-Za-z]+)$/.exec(codeUrl);
  if (!match) throw new Error(`not a sandbox code_url: ${codeUrl}`);
  return match[1];
}

export interface JsonReply {
  status: number;
  body: Record<string, unknown>;
}

/** The simulated user pays (or fails to pay) the order behind a QR token. */
export async function scanPay(token: string, body?: unknown): Promise<JsonReply> {
  const response = await fetch(`${base}/sandbox/scan/${token}/pay`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function setFaults(body: unknown): Promise<JsonReply> {
  const response = await fetch(`${base}/sandbox/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function clearFaults(): Promise<void> {
  const response = await fetch(`${base}/sandbox/faults`, { method: 'DELETE' });
  expect(response.status).toBe(200);
}

export interface ReceivedNotify {
  at: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface NotifyReply {
  status?: number;
  body: string;
  /** Hold the reply back this long, e.g. to show that copies arrive concurrently. */
  delayMs?: number;
}

export const SUCCESS_REPLY: NotifyReply = { body: '<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>' };
export const FAIL_REPLY: NotifyReply = { body: '<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[busy]]></return_msg></xml>' };

export interface NotifyListener {
  url: string;
  received: ReceivedNotify[];
  /** Notifies for one order (the listener may serve several). */
  for(outTradeNo: string): ReceivedNotify[];
  close(): Promise<void>;
}

/** A merchant's notify_url on an ephemeral port; `reply` decides the answer to the n-th request (0-based). */
export async function startNotifyListener(reply: (n: number) => NotifyReply = () => SUCCESS_REPLY): Promise<NotifyListener> {
  const received: ReceivedNotify[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = reply(received.length);
      received.push({ at: Date.now(), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      setTimeout(() => {
        res.writeHead(answer.status ?? 200, { 'Content-Type': 'text/xml' });
        res.end(answer.body);
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/wxpay/notify`,
    received,
    for: (outTradeNo) => received.filter((r) => parseXml(r.body).out_trade_no === outTradeNo),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/** Polls `check` until it returns a truthy value; on timeout rethrows its last error (or says what it waited for). */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5000, what = 'condition'): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Truthy<T>;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw lastError ?? new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Lets `ms` pass; only for asserting that something does NOT happen within a window. */
export function quietPeriod(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
