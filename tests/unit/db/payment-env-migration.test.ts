// The migration that adds orders.payment_env: orders made before it are sandbox orders (no live
// shop ran that code), and afterwards every insert must name the environment, one of the words.
import { expect, it } from 'vitest';
import { databaseBefore } from './migrations-before';

it('fills existing orders with sandbox, then requires one of sandbox | live', async () => {
  const { client, migrateAll } = await databaseBefore('_payment_env');
  await client.exec(`
    insert into users (username, password_hash) values ('old', '!');
    insert into orders (order_no, user_id, total_fee, description, expires_at)
      select 'OLD' || i, (select id from users), 100, 'old order', now() from generate_series(1, 2) as i;`);

  await migrateAll();
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
