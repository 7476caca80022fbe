// Sign-in with a per-username failure limit kept in the database (so it holds across instances):
// after 5 failures within 15 minutes the name is locked for 15 minutes, whatever password is tried.
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { loginFailures, users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Credentials } from './credentials';
import { DUMMY_HASH, verifyPassword } from './password';
import type { SessionUser } from './session';

const MAX_FAILURES = 5;
const WINDOW = sql`interval '15 minutes'`;

export async function signIn({ username, password }: Credentials): Promise<SessionUser> {
  const db = getDb();
  const [lock] = await db
    .select({ locked: sql<boolean>`${loginFailures.lockedUntil} > now()` })
    .from(loginFailures)
    .where(eq(loginFailures.username, username));
  if (lock?.locked) throw new AppError('rate_limited', 'Too many failed sign-ins; try again in 15 minutes');

  const [user] = await db
    .select({ id: users.id, username: users.username, role: users.role, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.username, username));
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    await recordFailure(username);
    // Same message whether the name or the password was wrong.
    throw new AppError('unauthorized', 'Wrong username or password');
  }
  await db.delete(loginFailures).where(eq(loginFailures.username, username));
  return { id: user.id, username: user.username, role: user.role === 'admin' ? 'admin' : 'shopper' };
}

async function recordFailure(username: string) {
  const fresh = sql`${loginFailures.firstFailedAt} < now() - ${WINDOW}`;
  await getDb()
    .insert(loginFailures)
    .values({ username, failures: 1 })
    .onConflictDoUpdate({
      target: loginFailures.username,
      set: {
        failures: sql`case when ${fresh} then 1 else ${loginFailures.failures} + 1 end`,
        firstFailedAt: sql`case when ${fresh} then now() else ${loginFailures.firstFailedAt} end`,
        lockedUntil: sql`case when not ${fresh} and ${loginFailures.failures} + 1 >= ${MAX_FAILURES} then now() + ${WINDOW} else null end`,
      },
    });
}
