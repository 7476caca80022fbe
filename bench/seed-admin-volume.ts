// Fills a PostgreSQL database with console-sized volume: 2 000 shoppers, 100 000 orders over the
// last 365 days (72 % paid, 28 % closed, the newest 200 pending) and 300 000 pay logs (notifies,
// queries and closes, with duplicates, anomalies and rejected messages among them), all with
// generate_series in a few INSERT … SELECT statements. Then VACUUM ANALYZE.
//
//   createdb -h 127.0.0.1 -p 5433 -U postgres wxstore_bench   # any empty, local database
//   DATABASE_URL=postgres://postgres@127.0.0.1:5433/wxstore_bench npx tsx --conditions=react-server bench/seed-admin-volume.ts [--reset]
//
// Applies the migrations and the demo catalogue first, so an empty database works. Bench rows are
// recognisable (usernames bench_*, order numbers B*); --reset deletes them and seeds again.
import postgres from 'postgres';
import { migrateDatabase } from '@/db/migrate';
import { getDatabase } from '@/db';
import { seedProducts } from '@/lib/catalog/seed';
import { ensureSandboxSecrets } from '@/lib/env';

const USERS = 2_000;
const ORDERS = 100_000;
const PENDING = 200;
const PAY_LOGS = 300_000;
const DAYS = 365;

async function main() {
  // A process start like the server's: sandbox mode reads its generated secrets from DATA_DIR.
  ensureSandboxSecrets();
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a PostgreSQL database (the bench does not run on PGlite)');
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`Refusing to seed a non-local database (${host})`);

  await migrateDatabase();
  await seedProducts();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ n }] = await sql`select count(*)::int as n from users where starts_with(username, 'bench_')`;
    if (n > 0 && !process.argv.includes('--reset')) {
      console.log(`Bench data already present (${n} bench users); run with --reset to seed again.`);
      return;
    }
    const started = Date.now();
    await sql.begin(async (tx) => {
      await tx`delete from anomaly_resolutions where pay_log_id in (select id from pay_logs where starts_with(order_no, 'B'))`;
      await tx`delete from pay_logs where starts_with(order_no, 'B')`;
      await tx`delete from order_items where order_id in (select id from orders where starts_with(order_no, 'B'))`;
      await tx`delete from orders where starts_with(order_no, 'B')`;
      await tx`delete from users where starts_with(username, 'bench_')`;

      await tx`
        insert into users (username, password_hash, role, created_at)
        select 'bench_' || lpad(i::text, 5, '0'), '!', 'shopper', now() - interval '400 days'
        from generate_series(1, ${USERS}) as i`;
      const [{ first }] = await tx`select min(id) as first from users where starts_with(username, 'bench_')`;
      const products = (await tx`select id, price_fen from products order by id`) as unknown as { id: number; price_fen: number }[];

      // Orders in id order = time order, as in production (ids and created_at grow together).
      await tx`
        insert into orders (order_no, user_id, status, total_fee, description, transaction_id, payment_env, shipping_name, shipping_phone,
                            shipping_address, fulfilment, created_at, expires_at, paid_at, closed_at)
        select 'B' || to_char(t.created_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(i::text, 8, '0'),
               ${first}::int + (i * 7919) % ${USERS},
               t.status,
               100 * (1 + (i * 37) % 500),
               'Bench order ' || i,
               case when t.status = 'paid' then '4200' || lpad(i::text, 24, '0') end,
               'sandbox',
               'Bench Shopper', '13800138000', '1 Bench Road, Shanghai',
               case when t.status <> 'paid' then 'unfulfilled'
                    when t.created_at < now() - interval '7 days' then 'delivered'
                    when t.created_at < now() - interval '2 days' then 'shipped'
                    else 'unfulfilled' end,
               t.created_at,
               t.created_at + interval '15 minutes',
               case when t.status = 'paid' then t.created_at + ((i % 600) || ' seconds')::interval end,
               case when t.status = 'closed' then t.created_at + interval '16 minutes' end
        from generate_series(1, ${ORDERS}) as i
        cross join lateral (
          select now() - interval '1 day' * ${DAYS} * (${ORDERS} - i) / ${ORDERS} - interval '20 minutes' * (i % 3) as created_at,
                 case when i > ${ORDERS - PENDING} then 'pending' when i % 100 < 72 then 'paid' else 'closed' end as status
        ) as t
        order by i`;

      await tx`
        insert into order_items (order_id, product_id, name, price_fen, quantity)
        select o.id, p.id, p.name, p.price_fen, 1
        from orders o
        join (select id, name_zh as name, price_fen, row_number() over (order by id) - 1 as k from products) p
          on p.k = o.id % ${products.length}
        where starts_with(o.order_no, 'B')`;

      // Pay logs as the app writes them. Paid order: the applied notify, a duplicate copy, a query
      // that finds it paid (every 500th: a notify with the wrong amount instead, an anomaly), and
      // for as many orders as it takes to reach PAY_LOGS in all, one more notify retry. Closed
      // order: the close; in some stretches a forged notify before it (rejected) or money after
      // it (an anomaly). Pending orders have no message yet.
      const [{ paid, closedLogs }] = await tx`
        select count(*) filter (where status = 'paid')::int as paid,
               (count(*) filter (where status = 'closed')
                + count(*) filter (where status = 'closed' and (id / 100) % 100 = 7)
                + count(*) filter (where status = 'closed' and (id / 100) % 200 = 13))::int as "closedLogs"
        from orders where starts_with(order_no, 'B')`;
      const fourth = PAY_LOGS - 3 * paid - closedLogs;
      if (fourth < 0 || fourth > paid) throw new Error(`cannot make ${PAY_LOGS} pay logs from ${paid} paid orders`);
      await tx`
        with paid as (
          select o.*, row_number() over (order by o.id) as rn from orders o where starts_with(o.order_no, 'B') and o.status = 'paid'
        ), logs as (
          select o.order_no, o.transaction_id,
                 case when k = 3 and o.id % 500 = 0 then 1 else o.total_fee end as total_fee,
                 'SUCCESS' as trade_state,
                 case when k = 3 and o.id % 500 <> 0 then 'query' else 'notify' end as source,
                 case when k = 1 then 'applied' when k = 3 and o.id % 500 = 0 then 'anomaly' else 'duplicate' end as verdict,
                 case when k = 3 and o.id % 500 = 0 then 'amount 1 fen does not match the order''s ' || o.total_fee || ' fen' end as detail,
                 o.paid_at + interval '20 seconds' * (k - 1) as created_at, o.id, k
          from paid o cross join generate_series(1, 4) as k
          where k <= 3 or o.rn <= ${fourth}
          union all
          select o.order_no,
                 case when k = 3 then '4200' || lpad(o.id::text, 24, '9') end,
                 o.total_fee,
                 case when k = 2 then 'CLOSED' else 'SUCCESS' end,
                 case when k = 2 then 'close' else 'notify' end,
                 case when k = 1 then 'rejected' when k = 2 then 'closed' else 'anomaly' end,
                 case when k = 1 then 'bad_sign' when k = 2 then 'sweep: WeChat reports NOTPAY' else 'payment for an order that was already closed' end,
                 o.closed_at + interval '1 minute' * (k - 2), o.id, k
          from orders o cross join generate_series(1, 3) as k
          where starts_with(o.order_no, 'B') and o.status = 'closed'
            and (k = 2 or (k = 1 and (o.id / 100) % 100 = 7) or (k = 3 and (o.id / 100) % 200 = 13))
        )
        insert into pay_logs (order_no, transaction_id, total_fee, trade_state, source, verdict, detail, raw, created_at)
        select order_no, transaction_id, total_fee, trade_state, source, verdict, detail,
               jsonb_build_object('out_trade_no', order_no, 'total_fee', total_fee::text, 'result_code', 'SUCCESS', 'return_code', 'SUCCESS'),
               created_at
        from logs
        order by created_at, id, k`;
    });
    // What autovacuum would soon do: statistics for the planner, and the visibility map that lets
    // the revenue report read its partial index alone (an index-only scan).
    await sql`vacuum analyze users, orders, order_items, pay_logs`;
    const [counts] = await sql`
      select (select count(*) from orders where starts_with(order_no, 'B'))::int as orders,
             (select count(*) from pay_logs where starts_with(order_no, 'B'))::int as pay_logs,
             (select count(*) from orders where starts_with(order_no, 'B') and status = 'paid')::int as paid`;
    console.log(`Seeded ${counts.orders} orders (${counts.paid} paid) and ${counts.pay_logs} pay logs in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await sql.end();
    const { client } = getDatabase();
    if ('end' in client) await client.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
