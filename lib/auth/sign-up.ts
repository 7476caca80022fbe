import 'server-only';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { RATE_LIMITS, takeRateLimits } from '@/lib/abuse/rate-limit';
import { AppError } from '@/lib/errors';
import type { Credentials } from './credentials';
import { hashPassword } from './password';
import type { SessionUser } from './session';

export async function signUp({ username, password }: Credentials, clientIp: string): Promise<SessionUser> {
  // Counted before the hash, which is the expensive part.
  await takeRateLimits([{ limit: RATE_LIMITS.signUpPerIp, subject: clientIp }]);
  const passwordHash = await hashPassword(password);
  // The unique index decides a race between two sign-ups for one name.
  const [user] = await getDb()
    .insert(users)
    .values({ username, passwordHash, role: 'shopper' })
    .onConflictDoNothing({ target: users.username })
    .returning({ id: users.id, username: users.username, sessionVersion: users.sessionVersion });
  if (!user) throw new AppError('conflict', 'That username is taken', { fields: { username: 'That username is taken' } }, { key: 'usernameTaken' });
  return { ...user, role: 'shopper' };
}
