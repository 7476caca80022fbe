// Page guards, called from segment layouts: a layout runs before its segment's loading.tsx starts
// streaming, so these stay a real 307 redirect and a real 404 instead of client-side fallbacks.
import { redirect } from 'next/navigation';
import type { SessionUser } from '@/lib/auth/session';
import { getSessionUser } from '@/app/_server/session';

/** The signed-in shopper, or a redirect to sign in that comes back to `path`. */
export async function requireShopper(path: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  return user;
}
