// GET /sign-up?next=/path
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getSessionUser } from '@/app/_server/session';
import { AuthForm } from '@/app/_components/auth-form';
import { safeNext } from '@/app/_components/format';

export const metadata: Metadata = { title: 'Sign up' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNext((await searchParams).next);
  if (await getSessionUser()) redirect(next);
  return <AuthForm mode="sign-up" next={next} />;
}
