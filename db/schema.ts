// Table and column names are part of the product contract (../shared/spec/product.md): operators
// query them directly. Money is integer fen; times are timestamptz.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// ---------------------------------------------------------------------------------------------
// The built-in WeChat Pay sandbox. It plays WeChat's servers: the shop never reads these tables
// and reaches the sandbox only over HTTP.
// ---------------------------------------------------------------------------------------------

export const sandboxOrders = pgTable(
  'sandbox_orders',
  {
    id: serial('id').primaryKey(),
    appid: text('appid').notNull(),
    mchId: text('mch_id').notNull(),
    outTradeNo: text('out_trade_no').notNull(),
    signType: text('sign_type').notNull(),
    /** The business fields of the first unifiedorder, compared on re-entry (WeChat's 重入 rule). */
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    body: text('body').notNull(),
    totalFee: integer('total_fee').notNull(),
    notifyUrl: text('notify_url').notNull(),
    productId: text('product_id'),
    attach: text('attach'),
    timeExpire: tz('time_expire'),
    prepayId: text('prepay_id').notNull(),
    /** The `pr` token of code_url = weixin://wxpay/bizpayurl?pr=<token>. */
    codeToken: text('code_token').notNull(),
    /** NOTPAY | SUCCESS | PAYERROR | CLOSED */
    tradeState: text('trade_state').notNull().default('NOTPAY'),
    transactionId: text('transaction_id'),
    openid: text('openid'),
    paidAt: tz('paid_at'),
    closedAt: tz('closed_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sandbox_orders_mch_out_trade_no_key').on(t.mchId, t.outTradeNo),
    uniqueIndex('sandbox_orders_code_token_key').on(t.codeToken),
    uniqueIndex('sandbox_orders_transaction_id_key').on(t.transactionId),
  ],
);

/** One payment notification to deliver to a merchant's notify_url, retried on WeChat's schedule. */
export const sandboxNotifications = pgTable(
  'sandbox_notifications',
  {
    id: serial('id').primaryKey(),
    orderId: integer('order_id')
      .notNull()
      .references(() => sandboxOrders.id),
    /** The signed XML, fixed at payment time: every retry sends the same bytes, as WeChat does. */
    payload: text('payload').notNull(),
    notifyUrl: text('notify_url').notNull(),
    /** pending | delivered | dropped | exhausted */
    status: text('status').notNull().default('pending'),
    /** How many concurrent copies the next attempt sends (the `duplicate` fault). */
    copies: integer('copies').notNull().default(1),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tz('next_attempt_at').notNull().defaultNow(),
    /** A worker that claimed the row owns it until then; a crashed worker's claim simply lapses. */
    leaseUntil: tz('lease_until'),
    deliveredAt: tz('delivered_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [index('sandbox_notifications_due_idx').on(t.status, t.nextAttemptAt)],
);

/** Every HTTP attempt of a notification, for tests and for the developer looking at the sandbox. */
export const sandboxNotifyAttempts = pgTable(
  'sandbox_notify_attempts',
  {
    id: serial('id').primaryKey(),
    notificationId: integer('notification_id')
      .notNull()
      .references(() => sandboxNotifications.id),
    httpStatus: integer('http_status'),
    /** The first 512 characters of the merchant's reply, or the network error. */
    response: text('response').notNull(),
    ok: boolean('ok').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [index('sandbox_notify_attempts_notification_idx').on(t.notificationId)],
);

/** Fault knobs (POST /sandbox/faults). scope = an out_trade_no, or '*' for every transaction. */
export const sandboxFaults = pgTable('sandbox_faults', {
  scope: text('scope').primaryKey(),
  /** drop | duplicate | delay */
  notify: text('notify'),
  count: integer('count'),
  delayMs: integer('delay_ms'),
  /** SYSTEMERROR */
  orderquery: text('orderquery'),
  /** ORDERPAID */
  closeorder: text('closeorder'),
  createdAt: tz('created_at').notNull().default(sql`now()`),
});

export type SandboxOrder = typeof sandboxOrders.$inferSelect;
export type SandboxNotification = typeof sandboxNotifications.$inferSelect;
export type SandboxFault = typeof sandboxFaults.$inferSelect;
