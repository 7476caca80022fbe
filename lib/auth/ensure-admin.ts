// The operator account comes from ADMIN_USERNAME / ADMIN_PASSWORD at every start, so changing the
// variable and restarting is how an operator's password is reset.
import 'server-only';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { hashPassword } from './password';

export async function ensureAdmin(): Promise<void> {
  const env = getEnv();
  if (!env.ADMIN_PASSWORD) return;
  const passwordHash = await hashPassword(env.ADMIN_PASSWORD);
  await getDb()
    .insert(users)
    .values({ username: env.ADMIN_USERNAME.toLowerCase(), passwordHash, role: 'admin' })
    .onConflictDoUpdate({ target: users.username, set: { passwordHash, role: 'admin' } });
}
