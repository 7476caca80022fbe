import { formatWxTime, parseWxTime } from './time';

// Refund success times and bill rows print Beijing time as `yyyy-MM-dd HH:mm:ss`, unlike time_end (spec §8–§10).
const WX_DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** `yyyy-MM-dd HH:mm:ss` in Beijing time; throws RangeError on anything else, including impossible dates. */
export function parseWxDateTime(s: string): Date {
  const match = WX_DATETIME.exec(s);
  if (!match) throw new RangeError(`parseWxDateTime: expected yyyy-MM-dd HH:mm:ss, got ${JSON.stringify(s)}`);
  return parseWxTime(match.slice(1).join(''));
}

export function formatWxDateTime(d: Date): string {
  const t = formatWxTime(d);
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)} ${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}`;
}
