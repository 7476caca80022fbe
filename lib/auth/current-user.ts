// A verified token is only a claim: the session is live while its version matches the user's row,
// and the role is the row's, so a sign-out or a demotion holds at once on every instance.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import type { SessionUser } from './session';

export async function currentUser(claimed: SessionUser): Promise<SessionUser | null> {
  const [row] = await getDb()
    .select({ username: users.username, role: users.role })
    .from(users)
    .where(and(eq(users.id, claimed.id), eq(users.sessionVersion, claimed.sessionVersion)));
  if (!row) return null;
  return { ...claimed, username: row.username, role: row.role === 'admin' ? 'admin' : 'shopper' };
}
