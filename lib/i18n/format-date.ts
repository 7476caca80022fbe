// Dates and times as the shop shows them: in REPORT_TZ, in the locale's own format (2026年11月23日
// 14:05 / Nov 23, 2026, 14:05). Pure, so server pages and the pay page's client island share it
// and hydration sees the same text.
import type { Locale } from './locale';

const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(value: Date | string, locale: Locale, timeZone: string): string {
  const key = `${locale} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
    formatters.set(key, formatter);
  }
  return formatter.format(new Date(value));
}
