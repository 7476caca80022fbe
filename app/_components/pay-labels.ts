// The pay page's live words: the part of messages `pay` that its client island shows, handed to
// it as props (raw messages, filled by lib/i18n/fill.ts) instead of next-intl's client runtime.
import type { Locale } from '@/lib/i18n/locale';
import type { Messages } from '@/lib/i18n/messages';

const KEYS = [
  'order',
  'statusPending',
  'statusPaid',
  'statusExpired',
  'signedOut',
  'signInAgain',
  'unreachable',
  'payingFor',
  'yourOrder',
  'payWithin',
  'notReady',
  'reload',
  'paidTitle',
  'paidWith',
  'paidWithAt',
  'thanks',
  'myOrders',
  'continue',
  'closedTitle',
  'expiredTitle',
  'closedBody',
  'expiredBody',
  'againHint',
  'orderAgain',
] as const satisfies readonly (keyof Messages['pay'])[];

export interface PayLabels {
  text: Pick<Messages['pay'], (typeof KEYS)[number]>;
  locale: Locale;
  /** REPORT_TZ: the paid time is shown in it. */
  timeZone: string;
}

export function payLabels(pay: Messages['pay'], locale: Locale, timeZone: string): PayLabels {
  return { text: Object.fromEntries(KEYS.map((k) => [k, pay[k]])) as PayLabels['text'], locale, timeZone };
}
