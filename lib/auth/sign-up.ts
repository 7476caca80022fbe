import 'server-only';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Credentials } from './credentials';
import { hashPassword } from './password';
import type { SessionUser } from './session';

export async function signUp({ username, password }: Credentials): Promise<SessionUser> {
  const passwordHash = await hashPassword(password);
  // The unique index decides a race between two sign-ups for one name.
  const [user] = await getDb()
    .insert(users)
    .values({ username, passwordHash, role: 'shopper' })
    .onConflictDoNothing({ target: users.username })
    .returning({ id: users.id, username: users.username });
  if (!user) throw new AppError('conflict', 'That username is taken', { fields: { username: 'That username is taken' } });
  return { ...user, role: 'shopper' };
}
