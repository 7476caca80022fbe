// One database handle per process: postgres.js when DATABASE_URL is set, embedded PGlite in
// DATA_DIR otherwise. Cached on globalThis because Next bundles instrumentation and routes
// separately (and reloads modules in dev), and PGlite's directory can be opened only once.
import 'server-only';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { getEnv } from '@/lib/env';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** The underlying client, for the migrator and for shutdown. */
  client: postgres.Sql | PGlite;
}

const globalForDb = globalThis as unknown as { __database?: Database; __sandboxDb?: Db };

export function getDatabase(): Database {
  globalForDb.__database ??= open();
  return globalForDb.__database;
}

export function getDb(): Db {
  return getDatabase().db;
}

/**
 * The sandbox's handle: on PostgreSQL a small pool of its own, because the sandbox stands in for
 * WeChat's servers, whose answers never wait for the shop's connections. Sharing the shop's pool,
 * a flash sale's queued checkout transactions held every unifiedorder past the client's timeout.
 * PGlite is one connection whatever asks.
 */
export function getSandboxDb(): Db {
  const env = getEnv();
  if (!env.DATABASE_URL) return getDb();
  globalForDb.__sandboxDb ??= drizzlePostgres({
    client: postgres(env.DATABASE_URL, { max: 4, idle_timeout: 30, onnotice: () => {} }),
    schema,
  }) as unknown as Db;
  return globalForDb.__sandboxDb;
}

function open(): Database {
  const env = getEnv();
  if (env.DATABASE_URL) {
    const client = postgres(env.DATABASE_URL, { max: 10, onnotice: () => {} });
    return { db: drizzlePostgres({ client, schema }) as unknown as Db, kind: 'postgres', client };
  }
  const client = new PGlite(path.resolve(env.DATA_DIR, 'pglite'));
  return { db: drizzlePglite({ client, schema }) as unknown as Db, kind: 'pglite', client };
}

export { schema };
