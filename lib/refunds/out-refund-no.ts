// Our out_refund_no: ≤ 64 characters of WeChat's set (wechatpay.md §7), never guessable from the
// previous one: "RF", the UTC date, then 96 random bits in hex (36 characters in all).
import { randomBytes } from 'node:crypto';

export function newOutRefundNo(now = new Date()): string {
  return `RF${now.toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(12).toString('hex')}`;
}
