// Reconciles one Beijing day (spec "Reconciliation"): fetches WeChat's ALL bill over HTTP, compares it
// line by line with our orders and refunds in both directions in SQL, and stores the
// day's result, replacing an earlier one, in one transaction under the day's advisory lock: two runs
// of a day at once wait for each other and leave one result. Nothing here changes an order or a refund.
import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { firstRow } from '@/db/first-row';
import { queryRows } from '@/db/query-rows';
import { billDays, billDiscrepancies, orders, payLogs, refunds } from '@/db/schema';
import { log } from '@/lib/log';
import type { OrderStatus } from '@/lib/orders/order-status';
import { getBillClient } from '@/lib/payments/merchant-client';
import { parseBill, type Bill } from '@/lib/wechatpay';
import { billEntry, NO_TRADES, wechatTotals, type BillEntry, type WechatTotals } from './bill-entries';
import type { BillDayStatus } from './bill-vocabulary';
import { dayBounds, isoDate } from './bill-date';
import { toDayResult, type DayResult } from './day-result';

/** The first key of the day's advisory lock (the second is the day, yyyyMMdd as a number). */
const RECONCILE_LOCK = 7_302_014;

/** Orders whose payment the shop booked: once paid, a later refund does not unbook the payment. */
const BOOKED: readonly OrderStatus[] = ['paid', 'partially_refunded', 'refunded'];

type Fetched = { kind: 'bill'; bill: Bill } | { kind: 'no_bill' } | { kind: 'failed'; detail: string };

export async function reconcileDay(billDate: string): Promise<DayResult> {
  const fetched = await fetchBill(billDate);
  const result = await store(billDate, fetched);
  // A failed download was logged as the error it is.
  if (result.status === 'discrepancies') log.warn({ reconciliation: result }, 'reconciliation found differences');
  return result;
}

async function fetchBill(billDate: string): Promise<Fetched> {
  try {
    const reply = await getBillClient().downloadBill({ billDate, billType: 'ALL', gzip: true });
    return reply.kind === 'no_bill' ? reply : { kind: 'bill', bill: parseBill(reply.text) };
  } catch (err) {
    log.error({ err, billDate }, 'downloadbill failed');
    return { kind: 'failed', detail: (err as Error).message };
  }
}

async function store(billDate: string, fetched: Fetched): Promise<DayResult> {
  const day = isoDate(billDate);
  const [start, end] = dayBounds(billDate);
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${RECONCILE_LOCK}, ${Number(billDate)})`);
    const ours = firstRow(
      await queryRows<{ payments: number; paid_fen: string; refunds: number; refund_fen: string }>(
        sql`
          select
            (select count(*)::int from ${orders} where ${booked(start, end)}) as payments,
            (select coalesce(sum(${orders.totalFee}), 0)::text from ${orders} where ${booked(start, end)}) as paid_fen,
            (select count(*)::int from ${refunds} where ${succeeded(start, end)}) as refunds,
            (select coalesce(sum(${refunds.refundFee}), 0)::text from ${refunds} where ${succeeded(start, end)}) as refund_fen`,
        tx,
      ),
      "our day's totals",
    );
    const wechat: WechatTotals | null = fetched.kind === 'bill' ? wechatTotals(fetched.bill) : fetched.kind === 'no_bill' ? NO_TRADES : null;
    const row = {
      billDate: day,
      // Provisional: settled below, once the discrepancies are known.
      status: (fetched.kind === 'failed' ? 'failed' : 'matched') as BillDayStatus,
      wechatTrades: wechat?.trades ?? null,
      wechatPaidFen: wechat?.paidFen ?? null,
      wechatRefundFen: wechat?.refundFen ?? null,
      wechatFeeFen: wechat?.feeFen ?? null,
      oursTrades: ours.payments + ours.refunds,
      oursPaidFen: Number(ours.paid_fen),
      oursRefundFen: Number(ours.refund_fen),
      detail: fetched.kind === 'failed' ? fetched.detail : null,
      fetchedAt: new Date(),
    };
    await tx.insert(billDays).values(row).onConflictDoUpdate({ target: billDays.billDate, set: row });
    await tx.delete(billDiscrepancies).where(sql`${billDiscrepancies.billDate} = ${day}`);
    let count = 0;
    if (fetched.kind !== 'failed') {
      await loadBillLines(tx, fetched.kind === 'bill' ? fetched.bill.rows.map(billEntry) : []);
      count = (await queryRows(compare(day, start, end), tx)).length;
      await tx.execute(recordUnbookedPayments(billDate, day));
      // A day without a bill whose books are empty too is no_bill; our money WeChat never billed is not.
      const status: BillDayStatus = count > 0 ? 'discrepancies' : fetched.kind === 'no_bill' ? 'no_bill' : 'matched';
      await tx
        .update(billDays)
        .set({ status })
        .where(sql`${billDays.billDate} = ${day}`);
      row.status = status;
    }
    return toDayResult({ ...row, discrepancies: count });
  });
}

function booked(start: Date, end: Date) {
  return sql`${orders.paidAt} >= ${start.toISOString()}::timestamptz and ${orders.paidAt} < ${end.toISOString()}::timestamptz
    and ${orders.status} in (${sql.join(
      BOOKED.map((s) => sql`${s}`),
      sql`, `,
    )})`;
}

function succeeded(start: Date, end: Date) {
  return sql`${refunds.status} = 'success' and ${refunds.succeededAt} >= ${start.toISOString()}::timestamptz and ${refunds.succeededAt} < ${end.toISOString()}::timestamptz`;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * The bill's lines as a table of this transaction, indexed and analysed: joined against a day of
 * orders, a set the planner cannot see into would be scanned once per order.
 */
async function loadBillLines(tx: Tx, entries: BillEntry[]) {
  await tx.execute(sql`
    create temp table bill_lines (
      kind text not null, transaction_id text not null, out_trade_no text not null, out_refund_no text, fen bigint not null, state text not null
    ) on commit drop`);
  // One JSON parameter, however many lines: a bill of 10,000 lines would pass any limit on bound parameters.
  await tx.execute(sql`
    insert into bill_lines
    select * from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb)
      as b(kind text, transaction_id text, out_trade_no text, out_refund_no text, fen bigint, state text)`);
  await tx.execute(sql`create index on bill_lines (transaction_id)`);
  await tx.execute(sql`create index on bill_lines (out_refund_no)`);
  await tx.execute(sql`analyze bill_lines`);
}

/** Every discrepancy of the day, inserted into bill_discrepancies; each branch of the union is one kind in one direction. */
function compare(day: string, start: Date, end: Date) {
  const isBooked = sql`o.status in (${sql.join(
    BOOKED.map((s) => sql`${s}`),
    sql`, `,
  )})`;
  return sql`
    with pay_lines as (
      select b.*, o.status as ours_status, o.transaction_id as ours_transaction_id, o.total_fee as ours_fen,
        coalesce(${isBooked} and o.transaction_id = b.transaction_id, false) as booked_here
      from bill_lines b left join ${orders} o on o.order_no = b.out_trade_no
      where b.kind = 'payment'
    ),
    refund_lines as (
      select b.*, r.status as ours_status, r.refund_fee as ours_fen
      from bill_lines b left join ${refunds} r on r.out_refund_no = b.out_refund_no
      where b.kind = 'refund'
    ),
    found (kind, order_no, transaction_id, out_refund_no, wechat_fen, ours_fen, detail) as (
      select 'missing_here', out_trade_no, transaction_id, null, fen, null::int,
        case
          when ours_status is null then 'unknown order here'
          when ours_transaction_id is not null and ours_transaction_id <> transaction_id then 'order paid here with transaction ' || ours_transaction_id
          else 'order ' || ours_status || ' here'
        end
      from pay_lines where state = 'SUCCESS' and not booked_here
      union all
      select 'status_mismatch', out_trade_no, transaction_id, null, fen, ours_fen, 'bill: ' || state || ', ours: ' || ours_status
      from pay_lines where state <> 'SUCCESS' and booked_here
      union all
      select 'amount_mismatch', out_trade_no, transaction_id, null, fen, ours_fen, 'amounts differ'
      from pay_lines where state = 'SUCCESS' and booked_here and ours_fen <> fen
      union all
      select 'missing_at_wechat', ${orders.orderNo}, ${orders.transactionId}, null, null, ${orders.totalFee}, 'paid here, not in the bill'
      from ${orders}
      where ${booked(start, end)} and not exists (select 1 from bill_lines b where b.kind = 'payment' and b.transaction_id = ${orders.transactionId})
      union all
      select 'missing_here', out_trade_no, transaction_id, out_refund_no, fen, null, 'no such refund here'
      from refund_lines where state = 'SUCCESS' and ours_status is null
      union all
      select 'status_mismatch', out_trade_no, transaction_id, out_refund_no, fen, ours_fen, 'bill: refund ' || state || ', ours: ' || ours_status
      from refund_lines where ours_status is not null and (state = 'SUCCESS') <> (ours_status = 'success')
      union all
      select 'amount_mismatch', out_trade_no, transaction_id, out_refund_no, fen, ours_fen, 'amounts differ'
      from refund_lines where state = 'SUCCESS' and ours_status = 'success' and ours_fen <> fen
      union all
      select 'missing_at_wechat', ${refunds.orderNo}, ${refunds.transactionId}, ${refunds.outRefundNo}, null, ${refunds.refundFee}, 'refunded here, not in the bill'
      from ${refunds}
      where ${succeeded(start, end)} and not exists (select 1 from bill_lines b where b.kind = 'refund' and b.out_refund_no = ${refunds.outRefundNo})
    )
    insert into ${billDiscrepancies} (bill_date, kind, order_no, transaction_id, out_refund_no, wechat_fen, ours_fen, detail)
    select ${day}::date, kind, order_no, transaction_id, out_refund_no, wechat_fen::int, ours_fen, detail from found
    returning id`;
}

/**
 * Each payment the bill has and the shop never booked, as one anomaly pay log per transaction
 * (the unique index on bill rows makes a re-run of the day add none), so the anomaly queue shows it.
 */
function recordUnbookedPayments(billDate: string, day: string) {
  const d = billDiscrepancies;
  return sql`
    insert into ${payLogs} (order_no, transaction_id, total_fee, trade_state, source, verdict, detail, raw)
    select ${d.orderNo}, ${d.transactionId}, ${d.wechatFen}, 'SUCCESS', 'bill', 'anomaly',
      'bill ' || ${billDate} || ': paid at WeChat, not booked here (' || ${d.detail} || ')',
      jsonb_build_object('bill_date', ${billDate}::text, 'out_trade_no', ${d.orderNo}, 'transaction_id', ${d.transactionId}, 'total_fee', ${d.wechatFen}::text)
    from ${d}
    where ${d.billDate} = ${day}::date and ${d.kind} = 'missing_here' and ${d.outRefundNo} is null
    on conflict (transaction_id) where source = 'bill' do nothing`;
}
