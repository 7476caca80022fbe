// The operator account comes from ADMIN_USERNAME / ADMIN_PASSWORD at every start, so changing the
// variable and restarting is how an operator's password is reset. Renaming it demotes the old
// account: every other admin becomes a shopper and its sessions end (roles are read from the
// database on every request, so the old name loses the console at once, on every instance).
import { and, eq, ne, sql } from 'drizzle-orm';
import 'server-only';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { hashPassword } from './password';

export async function ensureAdmin(): Promise<void> {
  const env = getEnv();
  if (!env.ADMIN_PASSWORD) return;
  const username = env.ADMIN_USERNAME.toLowerCase();
  const passwordHash = await hashPassword(env.ADMIN_PASSWORD);
  const db = getDb();
  await db
    .update(users)
    .set({ role: 'shopper', sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.role, 'admin'), ne(users.username, username)));
  await db
    .insert(users)
    .values({ username, passwordHash, role: 'admin' })
    // A shopper who had registered this name keeps no session into the console.
    .onConflictDoUpdate({
      target: users.username,
      set: {
        passwordHash,
        role: 'admin',
        sessionVersion: sql`case when ${users.role} = 'admin' then ${users.sessionVersion} else ${users.sessionVersion} + 1 end`,
      },
    });
}
