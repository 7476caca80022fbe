// A data migration's test starts from the schema just before it: a copy of db/migrations whose
// journal stops at that migration, applied to a fresh in-memory PGlite; then all migrations run.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

export const MIGRATIONS = path.join(process.cwd(), 'db', 'migrations');

/** A database migrated up to (not including) the migration whose tag ends with `tagSuffix`. */
export async function databaseBefore(tagSuffix: string) {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, 'meta', '_journal.json'), 'utf8'));
  const at = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith(tagSuffix));
  if (at < 1) throw new Error(`no migration *${tagSuffix} after the first`);
  const before = mkdtempSync(path.join(tmpdir(), 'migrations-before-'));
  try {
    cpSync(MIGRATIONS, before, { recursive: true });
    writeFileSync(path.join(before, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
    const client = new PGlite();
    const db = drizzle({ client });
    await migrate(db, { migrationsFolder: before });
    return { client, migrateAll: () => migrate(db, { migrationsFolder: MIGRATIONS }) };
  } finally {
    rmSync(before, { recursive: true, force: true });
  }
}
