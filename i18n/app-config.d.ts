// next-intl's types for this app: getLocale() is one of our locales, and every t('key') is
// checked against the Chinese catalogue at typecheck time.
import type { Locale } from '@/lib/i18n/locale';
import type { Messages } from '@/lib/i18n/messages';

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
