'use server';

// The language switch: remembers the choice in NEXT_LOCALE for a year. Setting a cookie in a
// server action makes Next render the current page again, now in the chosen language.
import { cookies } from 'next/headers';
import { servedOverHttps } from '@/lib/auth/session';
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from '@/lib/i18n/locale';

export async function switchLocale(form: FormData): Promise<void> {
  const locale = form.get('locale');
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { maxAge: LOCALE_COOKIE_MAX_AGE, sameSite: 'lax', path: '/', secure: servedOverHttps() });
}
