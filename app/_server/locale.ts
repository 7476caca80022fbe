// The request's locale for code that is not a page (route handlers): the same rule as pages
// (i18n/request.ts), read from the request's own headers.
import 'server-only';
import { createTranslator } from 'next-intl';
import { LOCALE_COOKIE, resolveLocale, type Locale } from '@/lib/i18n/locale';
import { loadMessages } from '@/lib/i18n/messages';

export function localeOf(headers: Headers): Locale {
  const cookie = headers
    .get('cookie')
    ?.split(';')
    .map((c) => c.trim().split('='))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return resolveLocale({ cookie, acceptLanguage: headers.get('accept-language') });
}

/** A translator for the JSON error texts a route sends (namespace `errors`). */
export function errorTranslator(locale: Locale) {
  return createTranslator({ locale, messages: loadMessages(locale), namespace: 'errors' });
}
