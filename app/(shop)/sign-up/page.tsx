// GET /sign-up?next=/path
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { pickMessages } from '@/lib/i18n/messages';
import { getSessionUser } from '@/app/_server/session';
import { AuthForm } from '@/app/_components/auth-form';
import { safeNext } from '@/app/_components/format';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signUpTitle') };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNext((await searchParams).next);
  if (await getSessionUser()) redirect(next);
  return (
    <NextIntlClientProvider messages={pickMessages(await getMessages(), ['auth'])}>
      <AuthForm mode="sign-up" next={next} />
    </NextIntlClientProvider>
  );
}
