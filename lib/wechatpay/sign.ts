import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { SignType, WxFields } from './types';

const SIGN_TYPES: readonly string[] = ['MD5', 'HMAC-SHA256'] satisfies SignType[];
const NONCE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function isSignType(s: unknown): s is SignType {
  return typeof s === 'string' && SIGN_TYPES.includes(s);
}

/** The v2 signature of spec §2.1: empty values are not signed, and `&key=` is appended for both algorithms. */
export function sign(fields: Record<string, string | number | undefined>, key: string, type: SignType): string {
  // The type often comes from configuration; guessing would produce signatures WeChat silently rejects.
  if (!isSignType(type)) throw new TypeError(`unsupported sign type: ${String(type)}`);
  const stringA = Object.keys(fields)
    .filter((name) => name !== 'sign' && fields[name] !== undefined && fields[name] !== '')
    .sort()
    .map((name) => `${name}=${fields[name]}`)
    .join('&');
  const digest = type === 'MD5' ? createHash('md5') : createHmac('sha256', key);
  return digest.update(`${stringA}&key=${key}`, 'utf8').digest('hex').toUpperCase();
}

/** Case-sensitive, constant-time check of `fields.sign`; false when it is absent. */
export function verify(fields: WxFields, key: string, type: SignType): boolean {
  if (!fields.sign) return false;
  const given = Buffer.from(fields.sign, 'utf8');
  const expected = Buffer.from(sign(fields, key, type), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `fields` as strings plus their `sign`: how the sandbox and the tests produce messages WeChat would send. */
export function signMessage(fields: Record<string, string | number | undefined>, key: string, type: SignType): WxFields {
  const message: WxFields = Object.fromEntries(Object.entries(fields).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])));
  return { ...message, sign: sign(message, key, type) };
}

export function nonce(length = 32): string {
  let out = '';
  for (let i = 0; i < length; i++) out += NONCE_ALPHABET[randomInt(NONCE_ALPHABET.length)];
  return out;
}
