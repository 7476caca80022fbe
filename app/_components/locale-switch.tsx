// The header's language switch: one button naming the other language, in that language. A plain
// form posting a server action, so it costs the page no client component of its own.
import { getLocale, getTranslations } from 'next-intl/server';
import { LOCALES } from '@/lib/i18n/locale';
import { switchLocale } from './locale-actions';

export async function LocaleSwitch({ className }: { className?: string }) {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('locale')]);
  const other = LOCALES.find((l) => l !== locale) ?? LOCALES[0];
  return (
    <form action={switchLocale} className={className}>
      <input type="hidden" name="locale" value={other} />
      <button type="submit" className="link-button" lang={other} data-testid="locale-switch" title={t('switchTo', { language: t(other) })}>
        {t(other)}
      </button>
    </form>
  );
}
