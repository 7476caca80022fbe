// GET /sign-in?next=/path
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getSessionUser } from '@/app/_server/session';
import { AuthForm } from '@/app/_components/auth-form';
import { safeNext } from '@/app/_components/format';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNext((await searchParams).next);
  if (await getSessionUser()) redirect(next);
  return <AuthForm mode="sign-in" next={next} />;
}
