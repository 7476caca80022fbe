// Display helpers shared by server and client components (dates and times: lib/i18n/format-date.ts).
/** 754000 → "12:34"; never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** A same-site path to return to after signing in; anything else (//evil.com, https://…) → "/". */
export function safeNext(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith('/')) return '/';
  // Resolve it the way a browser would (which drops tabs and newlines, so "/\t/evil.com" is
  // "//evil.com") and keep it only if it stays on this origin. The normalised path is checked once
  // more: dot segments can turn a path into a network-path reference ("/.//evil.com" → "//evil.com").
  const url = new URL(value, SAME_ORIGIN);
  const path = url.pathname + url.search + url.hash;
  return url.origin === SAME_ORIGIN && new URL(path, SAME_ORIGIN).origin === SAME_ORIGIN ? path : '/';
}

const SAME_ORIGIN = 'http://same.origin';

/** The `pr` token of a Native code_url (weixin://wxpay/bizpayurl?pr=XXXX), or null. */
export function payToken(codeUrl: string | null): string | null {
  if (!codeUrl) return null;
  try {
    return new URL(codeUrl).searchParams.get('pr');
  } catch {
    return null;
  }
}
