// Sign-in, rate-limited in the database (so the limits hold across instances) before any password
// is hashed: every attempt is counted first, as a failure, in one atomic statement, and taken
// back once it turns out right. Parallel guesses therefore cannot all be verified before the
// count catches up. Limits (lib/abuse/rate-limit.ts): attempts per address, failures per address
// and username (blocks the guesser), and a short per-username back-off across all addresses
// (slows down guesses spread over many addresses, while the owner, signing in from an address of
// their own, is never locked out by a stranger).
import { eq } from 'drizzle-orm';
import 'server-only';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { RATE_LIMITS, takeRateLimits, untakeRateLimits, type RateLimitHit } from '@/lib/abuse/rate-limit';
import { AppError } from '@/lib/errors';
import type { Credentials } from './credentials';
import { DUMMY_HASH, verifyPassword } from './password';
import type { SessionUser } from './session';

export async function signIn({ username, password }: Credentials, clientIp: string): Promise<SessionUser> {
  const failures: RateLimitHit[] = [
    { limit: RATE_LIMITS.signInFailuresPerIpAndUser, subject: `${clientIp} ${username}` },
    { limit: RATE_LIMITS.signInFailuresPerUser, subject: username },
  ];
  await takeRateLimits([{ limit: RATE_LIMITS.signInPerIp, subject: clientIp }, ...failures]);

  const [user] = await getDb()
    .select({ id: users.id, username: users.username, role: users.role, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.username, username));
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  // Same message whether the name or the password was wrong.
  if (!user || !ok) throw new AppError('unauthorized', 'Wrong username or password', undefined, { key: 'wrongCredentials' });
  await untakeRateLimits(failures);
  return { id: user.id, username: user.username, role: user.role === 'admin' ? 'admin' : 'shopper', sessionVersion: user.sessionVersion };
}
