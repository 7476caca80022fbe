// Applies db/migrations on start. Under a PostgreSQL advisory lock so that several instances
// starting together run them once; the migrator itself skips what is already applied.
import 'server-only';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { getEnv } from '@/lib/env';
import { getDatabase } from './index';

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');
// Any fixed 64-bit number; it only has to be the same in every instance of this app.
const MIGRATION_LOCK = 7_302_019_001;

export async function migrateDatabase(): Promise<void> {
  const { client } = getDatabase();
  if (client instanceof PGlite) {
    await migratePglite(drizzlePglite({ client }), { migrationsFolder });
    return;
  }
  // A dedicated single connection: an advisory lock belongs to the session that took it.
  const conn = postgres(getEnv().DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    await conn`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres({ client: conn }), { migrationsFolder });
  } finally {
    await conn`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    await conn.end();
  }
}
