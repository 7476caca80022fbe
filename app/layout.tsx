// The document shell only. The shop's header and footer live in app/(shop)/layout.tsx, so the
// built-in WeChat Pay sandbox (/sandbox/**) renders as its own phone-sized app. `<html lang>` is
// the request's locale (i18n/request.ts).
import type { Metadata, Viewport } from 'next';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { ErrorStringsProvider } from './_components/error-strings';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: { default: t('title'), template: `%s · ${t('title')}` }, description: t('description') };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#2f5d4e',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages() as Promise<Messages>]);
  return (
    <html lang={locale}>
      <body>
        <ErrorStringsProvider strings={messages.errorPage}>{children}</ErrorStringsProvider>
      </body>
    </html>
  );
}
