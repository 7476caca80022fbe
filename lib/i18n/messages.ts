// The two catalogues (messages/*.json), typed by the Chinese one: both have the same keys
// (tests/unit/i18n/catalogues.test.ts).
import en from '@/messages/en.json';
import zhCN from '@/messages/zh-CN.json';
import type { Locale } from './locale';

export type Messages = typeof zhCN;

const CATALOGUES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export function loadMessages(locale: Locale): Messages {
  return CATALOGUES[locale];
}

/** Only the given namespaces, for a client island's provider (never the whole catalogue). */
export function pickMessages<M extends object, K extends keyof M>(messages: M, namespaces: readonly K[]): Pick<M, K> {
  return Object.fromEntries(namespaces.map((ns) => [ns, messages[ns]])) as Pick<M, K>;
}
