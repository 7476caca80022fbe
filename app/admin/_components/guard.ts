// The console's pages check the role themselves, as the admin routes do: the layout shows a 403
// page to shoppers, and every page calls requireAdminPage() before it reads anything.
import { notFound, redirect } from 'next/navigation';
import { connection } from 'next/server';
import type { SessionUser } from '@/lib/auth/session';
import { getSessionUser } from '@/app/_server/session';

/** Signed out → the sign-in page, back to the console afterwards; null for a shopper. */
export async function adminOrNull(): Promise<SessionUser | null> {
  await connection();
  const user = await getSessionUser();
  if (!user) redirect('/sign-in?next=/admin');
  return user.role === 'admin' ? user : null;
}

export async function requireAdminPage(): Promise<SessionUser> {
  const user = await adminOrNull();
  // The layout already shows this shopper the 403 page and drops the page's output; stopping here
  // keeps the page from reading anything (notFound rather than an error: nothing to log).
  if (!user) notFound();
  return user;
}
