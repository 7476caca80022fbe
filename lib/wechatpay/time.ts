// WeChat times are Beijing wall-clock (UTC+8, no DST) whatever the server's TZ (spec §1, §4.4).
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const WX_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** `yyyyMMddHHmmss` in Beijing time. */
export function formatWxTime(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError('formatWxTime: invalid Date');
  const b = new Date(d.getTime() + BEIJING_OFFSET_MS);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const formatted =
    pad(b.getUTCFullYear(), 4) + pad(b.getUTCMonth() + 1) + pad(b.getUTCDate()) + pad(b.getUTCHours()) + pad(b.getUTCMinutes()) + pad(b.getUTCSeconds());
  if (!WX_TIME.test(formatted)) throw new RangeError(`formatWxTime: year out of range in ${d.toISOString()}`);
  return formatted;
}

/** Inverse of formatWxTime; throws RangeError on anything else, including impossible dates. */
export function parseWxTime(s: string): Date {
  const match = WX_TIME.exec(s);
  if (!match) throw new RangeError(`parseWxTime: expected yyyyMMddHHmmss, got ${JSON.stringify(s)}`);
  const [year = NaN, month = NaN, day, hour, minute, second] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - BEIJING_OFFSET_MS);
  // Date.UTC rolls 2026-13-01 over into 2027; only a real date formats back to the same string.
  if (Number.isNaN(date.getTime()) || formatWxTime(date) !== s) {
    throw new RangeError(`parseWxTime: ${s} is not a real date`);
  }
  return date;
}
