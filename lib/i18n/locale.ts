// The shop's languages and how a request picks one. Pure: no Next, no React, no database, so the
// shop, the console, the API and the sandbox's phone page all decide the same way.
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Chinese, for a first visit with no header, `*`, or only languages we do not have. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The cookie the language switch sets (next-intl's usual name). */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** A year, in seconds: the switch is remembered like any site preference. */
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The cookie if it names one of our locales, else the best Accept-Language match, else Chinese. */
export function resolveLocale({ cookie, acceptLanguage }: { cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(cookie)) return cookie;
  for (const tag of parseAcceptLanguage(acceptLanguage ?? '')) {
    const match = matchTag(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

/**
 * The language tags of an Accept-Language header, best first (by q, then by position). Tolerant
 * as browsers and scripts are sloppy: a malformed entry or q-value is skipped, never thrown on;
 * `*` and q=0 entries are dropped (they name no language we could pick).
 */
export function parseAcceptLanguage(header: string): string[] {
  const entries: { tag: string; q: number; index: number }[] = [];
  header.split(',').forEach((part, index) => {
    const [rawTag = '', ...params] = part.trim().split(';');
    const tag = rawTag.trim().toLowerCase();
    if (!/^[a-z]{1,8}(-[a-z0-9]{1,8})*$/.test(tag)) return;
    let q = 1;
    for (const param of params) {
      const [key = '', value] = param.trim().split('=');
      if (key.trim().toLowerCase() !== 'q') continue;
      q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value?.trim() ?? '') ? Number(value) : Number.NaN;
    }
    if (Number.isNaN(q) || q <= 0) return;
    entries.push({ tag, q, index });
  });
  return entries.sort((a, b) => b.q - a.q || a.index - b.index).map((e) => e.tag);
}

// zh, zh-CN, zh-Hans-CN, zh-TW … → Chinese (our only Chinese is simplified, still the best we have);
// en, en-US, en-GB … → English.
function matchTag(tag: string): Locale | null {
  const language = tag.split('-')[0];
  if (language === 'zh') return 'zh-CN';
  if (language === 'en') return 'en';
  return null;
}
