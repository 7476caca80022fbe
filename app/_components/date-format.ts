// The request's date formatter for server components: REPORT_TZ, in the request's locale.
import 'server-only';
import { getLocale } from 'next-intl/server';
import { getEnv } from '@/lib/env';
import { formatDateTime } from '@/lib/i18n/format-date';

export async function dateFormatter(): Promise<(value: Date | string) => string> {
  const locale = await getLocale();
  const timeZone = getEnv().REPORT_TZ;
  return (value) => formatDateTime(value, locale, timeZone);
}
