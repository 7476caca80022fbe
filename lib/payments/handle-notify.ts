// A v2 payment notify, from raw bytes to the verdict. Every authenticated notify leaves exactly one
// pay log row; one we could not authenticate (anyone can send those) is `unverified`: a bounded
// excerpt, capped per minute (./log-unverified.ts), never in the anomaly queue. The caller answers
// SUCCESS only when `acknowledge` is true, i.e. after the row is committed and nothing more can be
// learned from a retry.
import 'server-only';
import { getDb } from '@/db';
import { payLogs } from '@/db/schema';
import type { PaymentNotification, TradeState, WxFields } from '@/lib/wechatpay';
import { applyPayment } from './apply-payment';
import { logUnverified } from './log-unverified';
import { storable } from './message-excerpt';
import type { Verdict } from './pay-log-vocabulary';

/** How one protocol version authenticates a notify body (v2: ./v2-notify-protocol.ts). Never throws for bad input. */
export interface NotifyProtocol {
  parse(
    body: string,
  ): { ok: true; notification: PaymentNotification } | { ok: false; reason: string; fields: WxFields; /** signed with our key */ authenticated: boolean };
}

export interface NotifyOutcome {
  acknowledge: boolean;
  verdict: Verdict;
  /** For WeChat's return_msg and our log. */
  message: string;
}

export async function handleNotify(body: string, protocol: NotifyProtocol, opts: { tooLarge?: boolean } = {}): Promise<NotifyOutcome> {
  if (opts.tooLarge) return refuse({ unparsed: body }, 'body larger than 64 KB', false);

  const result = protocol.parse(body);
  if (!result.ok) return refuse(result.fields, result.reason, result.authenticated);

  const n = result.notification;
  if (n.resultCode !== 'SUCCESS') {
    // A verified report of a failed payment: nothing to apply, nothing to gain from a retry.
    await log(result.notification.raw, 'rejected', `result_code FAIL ${n.raw.err_code ?? ''}`.trim(), 'PAYERROR');
    return { acknowledge: true, verdict: 'rejected', message: 'OK' };
  }

  const outcome = await applyPayment({
    orderNo: n.outTradeNo,
    transactionId: n.transactionId,
    totalFee: n.totalFee,
    paidAt: n.paidAt ?? new Date(),
    source: 'notify',
    tradeState: 'SUCCESS',
    raw: n.raw,
  });
  // An unknown order is refused so WeChat keeps retrying while an operator looks; duplicates and
  // anomalies are recorded, so they are acknowledged.
  const acknowledge = outcome.verdict !== 'rejected';
  return { acknowledge, verdict: outcome.verdict, message: acknowledge ? 'OK' : (outcome.detail ?? 'rejected') };
}

async function refuse(raw: WxFields, reason: string, authenticated: boolean): Promise<NotifyOutcome> {
  const tradeState = raw.result_code === 'SUCCESS' ? 'SUCCESS' : 'PAYERROR';
  if (authenticated) await log(raw, 'rejected', reason, tradeState);
  else await logUnverified('notify', raw, reason, tradeState);
  return { acknowledge: false, verdict: authenticated ? 'rejected' : 'unverified', message: reason };
}

// Rejected messages are signed with our key (so at most 64 KB, and only WeChat can send them) but
// not ours to apply: stored as received, never trusted; the order number and amount are copied
// only so an operator can search for them.
const FIELD_KEEP = 2048;

async function log(untrusted: WxFields, verdict: Verdict, detail: string, tradeState: TradeState) {
  const clip = (s: string) => storable(s).slice(0, FIELD_KEEP);
  const raw = Object.fromEntries(Object.entries(untrusted).map(([k, v]) => [clip(k), clip(v)]));
  const fee = /^\d{1,9}$/.test(raw.total_fee ?? '') ? Number(raw.total_fee) : null;
  await getDb()
    .insert(payLogs)
    .values({
      orderNo: raw.out_trade_no?.slice(0, 64) ?? null,
      transactionId: raw.transaction_id?.slice(0, 64) ?? null,
      totalFee: fee,
      tradeState,
      source: 'notify',
      verdict,
      detail: clip(detail),
      raw,
    });
}
