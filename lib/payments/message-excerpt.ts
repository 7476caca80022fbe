// What is kept of a message we could not authenticate: anyone can send one, as often as they like,
// so it is stored as a bounded excerpt (the whole raw column at most EXCERPT_BYTES of UTF-8, keys
// and values together), never as sent. The fields an operator searches for come first.

export const EXCERPT_BYTES = 1024;

const FIRST = ['out_trade_no', 'transaction_id', 'total_fee', 'result_code', 'appid', 'mch_id', 'sign_type', 'unparsed'];

/** PostgreSQL refuses NUL in text and jsonb; an attacker's bytes must still be storable. */
export function storable(s: string): string {
  return s.replace(/\u0000/g, '\uFFFD');
}

/** The longest prefix of `s` (whole code points) that fits in `maxBytes` of UTF-8. */
export function clipUtf8(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s, 'utf8') <= maxBytes) return s;
  let bytes = 0;
  let end = 0;
  for (const ch of s) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  return s.slice(0, end);
}

export function messageExcerpt(fields: Record<string, string>, budget = EXCERPT_BYTES): Record<string, string> {
  const names = Object.keys(fields);
  const ordered = [...FIRST.filter((n) => names.includes(n)), ...names.filter((n) => !FIRST.includes(n))];
  const out: Record<string, string> = {};
  let left = budget;
  for (const name of ordered) {
    const key = clipUtf8(storable(name), Math.min(64, left));
    if (key in out) continue;
    left -= Buffer.byteLength(key, 'utf8');
    if (left <= 0) break;
    const value = clipUtf8(storable(fields[name] ?? ''), left);
    out[key] = value;
    left -= Buffer.byteLength(value, 'utf8');
  }
  return out;
}
