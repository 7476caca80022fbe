// A v2 payment notify, from raw bytes to the verdict. Every request leaves exactly one pay log row
// (rejected ones too, so operators see forged or broken notifies); the caller answers SUCCESS only
// when `acknowledge` is true, i.e. after the row is committed and nothing more can be learned
// from a retry.
import 'server-only';
import { getDb } from '@/db';
import { payLogs } from '@/db/schema';
import type { PaymentNotification, TradeState, WxFields } from '@/lib/wechatpay';
import { applyPayment } from './apply-payment';
import type { Verdict } from './pay-log-vocabulary';

/** How one protocol version authenticates a notify body (v2: ./v2-notify-protocol.ts). Never throws for bad input. */
export interface NotifyProtocol {
  parse(body: string): { ok: true; notification: PaymentNotification } | { ok: false; reason: string; fields: WxFields };
}

export interface NotifyOutcome {
  acknowledge: boolean;
  verdict: Verdict;
  /** For WeChat's return_msg and our log. */
  message: string;
}

/** How much of a body we could not parse is kept for the operator. */
const UNPARSED_KEEP = 2048;

export async function handleNotify(body: string, protocol: NotifyProtocol, opts: { tooLarge?: boolean } = {}): Promise<NotifyOutcome> {
  if (opts.tooLarge) return reject({ unparsed: body.slice(0, UNPARSED_KEEP) }, 'body larger than 64 KB');

  const result = protocol.parse(body);
  if (!result.ok) return reject(result.fields, result.reason);

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

async function reject(raw: WxFields, reason: string): Promise<NotifyOutcome> {
  await log(raw, 'rejected', reason, raw.result_code === 'SUCCESS' ? 'SUCCESS' : 'PAYERROR');
  return { acknowledge: false, verdict: 'rejected', message: reason };
}

// Rejected messages are stored as received but never trusted: the order number and amount are
// copied only so an operator can search for them.
async function log(untrusted: WxFields, verdict: Verdict, detail: string, tradeState: TradeState) {
  // PostgreSQL refuses NUL in text and jsonb; an attacker's bytes must still be storable.
  const clean = (s: string) => s.replace(/\u0000/g, '\uFFFD').slice(0, UNPARSED_KEEP);
  const raw = Object.fromEntries(Object.entries(untrusted).map(([k, v]) => [clean(k), clean(v)]));
  detail = clean(detail);
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
      detail,
      raw,
    });
}
