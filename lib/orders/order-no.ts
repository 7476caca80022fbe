// out_trade_no: a Beijing-date prefix for humans and reconciliation, then 14 random characters
// (≈72 bits) so order numbers cannot be guessed or enumerated. 22 chars of [0-9A-Z] (WeChat allows 32).
import { randomInt } from 'node:crypto';
import { formatWxTime } from '@/lib/wechatpay';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function newOrderNo(now = new Date()): string {
  let random = '';
  for (let i = 0; i < 14; i++) random += ALPHABET[randomInt(ALPHABET.length)];
  return formatWxTime(now).slice(0, 8) + random;
}
