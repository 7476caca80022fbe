// The migration that adds orders.payment_env: orders made before it are sandbox orders (no live
// shop ran that code), and afterwards every insert must name the environment, one of the words.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, expect, it } from 'vitest';

const migrations = path.join(process.cwd(), 'db', 'migrations');
const before = mkdtempSync(path.join(tmpdir(), 'payment-env-migration-'));
afterAll(() => rmSync(before, { recursive: true, force: true }));

it('fills existing orders with sandbox, then requires one of sandbox | live', async () => {
  // The migrations folder as it was just before this migration.
  const journal = JSON.parse(readFileSync(path.join(migrations, 'meta', '_journal.json'), 'utf8'));
  const at = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith('_payment_env'));
  expect(at).toBeGreaterThan(0);
  cpSync(migrations, before, { recursive: true });
  writeFileSync(path.join(before, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));

  const client = new PGlite();
  const db = drizzle({ client });
  await migrate(db, { migrationsFolder: before });
  await client.exec(`
    insert into users (username, password_hash) values ('old', '!');
    insert into orders (order_no, user_id, total_fee, description, expires_at)
      select 'OLD' || i, (select id from users), 100, 'old order', now() from generate_series(1, 2) as i;`);

  await migrate(db, { migrationsFolder: migrations });
  expect((await client.query(`select order_no, payment_env from orders order by order_no`)).rows).toEqual([
    { order_no: 'OLD1', payment_env: 'sandbox' },
    { order_no: 'OLD2', payment_env: 'sandbox' },
  ]);
  const insert = (env: string) =>
    client.query(
      `insert into orders (order_no, user_id, total_fee, description, expires_at, payment_env) values ($1, (select id from users), 100, 'new', now(), $2)`,
      [`NEW${env}`, env],
    );
  await insert('live');
  await expect(insert('test')).rejects.toThrow(/orders_payment_env_check/);
  await expect(
    client.query(`insert into orders (order_no, user_id, total_fee, description, expires_at) values ('NEWX', (select id from users), 100, 'new', now())`),
  ).rejects.toThrow(/null value in column "payment_env"/);
  await client.close();
}, 60_000);
