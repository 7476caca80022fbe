// next-intl's per-request configuration, "without i18n routing": the URLs are the same in every
// language, and the locale comes from the NEXT_LOCALE cookie, then Accept-Language (lib/i18n).
// No locale middleware exists, so /api/** and /sandbox/** are never prefixed or redirected.
import { getRequestConfig } from 'next-intl/server';
import { cookies, headers } from 'next/headers';
import { getEnv } from '@/lib/env';
import { LOCALE_COOKIE, resolveLocale } from '@/lib/i18n/locale';
import { loadMessages } from '@/lib/i18n/messages';

export default getRequestConfig(async () => {
  const locale = resolveLocale({ cookie: (await cookies()).get(LOCALE_COOKIE)?.value, acceptLanguage: (await headers()).get('accept-language') });
  return { locale, messages: loadMessages(locale), timeZone: getEnv().REPORT_TZ };
});
