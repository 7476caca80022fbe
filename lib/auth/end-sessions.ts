// Sign-out ends the session server-side: bumping the version voids every token the user holds
// (on every device; a per-user version has no finer grain). Conditional on the token's version, so
// a stale token signing out cannot end sessions started after it was revoked.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import type { SessionUser } from './session';

export async function endSessions(user: SessionUser): Promise<void> {
  await getDb()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, user.id), eq(users.sessionVersion, user.sessionVersion)));
}
