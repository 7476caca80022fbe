// Table and column names are part of the product contract (../shared/spec/product.md): operators
// query them directly. Money is integer fen; times are timestamptz.
import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
// Relative, not '@/…': drizzle-kit loads this file without the app's path aliases.
import { USER_ROLES } from '../lib/auth/roles';
import { FULFILMENTS } from '../lib/orders/fulfilment';
import { ORDER_STATUSES } from '../lib/orders/order-status';
import { PAY_SOURCES, VERDICTS } from '../lib/payments/pay-log-vocabulary';
import { PAYMENT_ENVS } from '../lib/payments/payment-env';
import { BILL_DAY_STATUSES, DISCREPANCY_KINDS } from '../lib/reconcile/bill-vocabulary';
import { REFUND_STATUSES } from '../lib/refunds/refund-status';

/** `column in ('a', 'b')` from a vocabulary tuple, so a CHECK lists exactly the states the code knows. */
const oneOf = (column: AnyPgColumn, values: readonly string[]): SQL => sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Raw bytes. postgres.js hands back a Buffer and PGlite a Uint8Array; both are Uint8Arrays. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

// ---------------------------------------------------------------------------------------------
// The shop.
// ---------------------------------------------------------------------------------------------

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull().default('shopper'),
    /** The recipient last used at checkout, offered again next time. */
    shippingName: text('shipping_name'),
    shippingPhone: text('shipping_phone'),
    shippingAddress: text('shipping_address'),
    createdAt: tz('created_at').notNull().defaultNow(),
    /** Bumped to end every session of this user (sign-out, demotion); a token carries the version it was issued with. */
    sessionVersion: integer('session_version').notNull().default(0),
  },
  (t) => [uniqueIndex('users_username_key').on(t.username), check('users_role_check', oneOf(t.role, USER_ROLES))],
);

/**
 * Fixed-window request counters (sign-up, sign-in, checkout), in the database so a limit holds
 * across instances. `key` names the rule and its subject (e.g. `signin-ip:203.0.113.7`); a row
 * counts the requests since `window_start` and starts over once its window has passed.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: tz('window_start').notNull().defaultNow(),
  count: integer('count').notNull(),
});

export const products = pgTable(
  'products',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull(),
    // Chinese is the shop's first language and always present; English may be blank, and then the
    // Chinese text is shown (lib/catalog/localize.ts). Orders copy name_zh (order_items.name).
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull().default(''),
    descriptionZh: text('description_zh').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    category: text('category').notNull().default(''),
    priceFen: integer('price_fen').notNull(),
    stock: integer('stock').notNull(),
    /** Units of this product one order line may take (stock hoarding). */
    maxPerOrder: integer('max_per_order').notNull().default(10),
    imageUrl: text('image_url').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    /** Set when a merchant archives the product: gone from the catalogue, kept on old orders. */
    archivedAt: tz('archived_at'),
  },
  (t) => [
    uniqueIndex('products_slug_key').on(t.slug),
    check('products_price_fen_check', sql`${t.priceFen} > 0`),
    // The last line of defence for "never oversell": a reservation that would go below zero fails.
    check('products_stock_check', sql`${t.stock} >= 0`),
    check('products_max_per_order_check', sql`${t.maxPerOrder} > 0`),
  ],
);

export const orders = pgTable(
  'orders',
  {
    id: serial('id').primaryKey(),
    /** Our out_trade_no at WeChat. */
    orderNo: text('order_no').notNull(),
    /** The shopper's account; null for a Native mode 1 guest, who has an openid instead. */
    userId: integer('user_id').references(() => users.id),
    /** The WeChat user who bought from a product QR (Native mode 1): collected in store, no account. */
    openid: text('openid'),
    status: text('status', { enum: ORDER_STATUSES }).notNull().default('pending'),
    totalFee: integer('total_fee').notNull(),
    /** The sum of this order's successful refunds of its applied payment (never of an anomaly's). */
    refundedFen: integer('refunded_fen').notNull().default(0),
    /** What the shopper sees in WeChat (unifiedorder `body`). */
    description: text('description').notNull(),
    codeUrl: text('code_url'),
    prepayId: text('prepay_id'),
    transactionId: text('transaction_id'),
    /** The WeChat Pay the order was created in (WXPAY_MODE then), so sandbox money never counts as real. */
    paymentEnv: text('payment_env', { enum: PAYMENT_ENVS }).notNull(),
    shippingName: text('shipping_name'),
    shippingPhone: text('shipping_phone'),
    shippingAddress: text('shipping_address'),
    /** Set by operators after payment. */
    fulfilment: text('fulfilment', { enum: FULFILMENTS }).notNull().default('unfulfilled'),
    createdAt: tz('created_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
    paidAt: tz('paid_at'),
    closedAt: tz('closed_at'),
    /** Throttles the status route's orderquery to one per order per 10 s across all instances. */
    lastQueriedAt: tz('last_queried_at'),
    /** A sweeper that claimed this order owns it until then; a crashed sweeper's claim lapses. */
    sweepLeaseUntil: tz('sweep_lease_until'),
    /**
     * When WeChat first reported money for this pending order that the shop cannot apply (wrong
     * amount, another currency, a transaction already booked to another order): the anomaly is in
     * the pay log, and neither the sweep nor the status route asks WeChat again (it would only
     * repeat the anomaly, and the order must not be closed at WeChat, which holds the money). It
     * stays pending, stock reserved, until an operator resolves the anomaly.
     */
    unappliedPaymentAt: tz('unapplied_payment_at'),
  },
  (t) => [
    uniqueIndex('orders_order_no_key').on(t.orderNo),
    uniqueIndex('orders_transaction_id_key').on(t.transactionId),
    index('orders_status_expires_at_idx').on(t.status, t.expiresAt),
    index('orders_user_id_created_at_idx').on(t.userId, t.createdAt),
    // A mode 1 guest's pending units and a repeated scan's reuse (lib/orders/reserve-order.ts).
    index('orders_openid_created_at_idx')
      .on(t.openid, t.createdAt)
      .where(sql`${t.openid} is not null`),
    // The operator console's filters (lib/admin/list-orders.ts) and the revenue report, which
    // reads only (paid_at, total_fee) of paid orders: an index-only scan.
    index('orders_status_created_at_idx').on(t.status, t.createdAt),
    index('orders_created_at_idx').on(t.createdAt),
    // Every order ever paid, refunded ones included: revenue counts them where they were paid.
    index('orders_paid_at_idx')
      .on(t.paidAt, t.totalFee)
      .where(sql`${t.status} in ('paid', 'partially_refunded', 'refunded')`),
    check('orders_status_check', oneOf(t.status, ORDER_STATUSES)),
    check('orders_total_fee_check', sql`${t.totalFee} > 0`),
    check('orders_refunded_fen_check', sql`${t.refundedFen} >= 0 and ${t.refundedFen} <= ${t.totalFee}`),
    check('orders_fulfilment_check', oneOf(t.fulfilment, FULFILMENTS)),
    check('orders_payment_env_check', oneOf(t.paymentEnv, PAYMENT_ENVS)),
    check('orders_buyer_check', sql`(${t.userId} is null) <> (${t.openid} is null)`),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    id: serial('id').primaryKey(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    /** Name and price copied at checkout: later catalogue edits never change a placed order. */
    name: text('name').notNull(),
    priceFen: integer('price_fen').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [index('order_items_order_id_idx').on(t.orderId), check('order_items_quantity_check', sql`${t.quantity} > 0`)],
);

/** Append-only: every payment message received (notify) or fetched (query), and every close. */
export const payLogs = pgTable(
  'pay_logs',
  {
    id: serial('id').primaryKey(),
    /** Not a foreign key: a message about an unknown order is still recorded (verdict rejected). */
    orderNo: text('order_no'),
    transactionId: text('transaction_id'),
    totalFee: integer('total_fee'),
    tradeState: text('trade_state').notNull(),
    source: text('source', { enum: PAY_SOURCES }).notNull(),
    verdict: text('verdict', { enum: VERDICTS }).notNull(),
    /** Why this verdict, for operators (e.g. "amount 100 ≠ order 6800"). */
    detail: text('detail'),
    /** The message as received or fetched (it never contains the key). */
    raw: jsonb('raw').$type<Record<string, string>>(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('pay_logs_order_no_idx').on(t.orderNo),
    index('pay_logs_created_at_idx').on(t.createdAt),
    // The operator console's pay-log filters (lib/admin/list-pay-logs.ts) and the anomalies list.
    index('pay_logs_verdict_created_at_idx').on(t.verdict, t.createdAt),
    index('pay_logs_trade_state_created_at_idx').on(t.tradeState, t.createdAt),
    // Exactly one applied payment row per paid order, enforced by the database, not only by the
    // code (a refund message's applied row is per refund, not per order).
    uniqueIndex('pay_logs_one_applied_per_order')
      .on(t.orderNo)
      .where(sql`${t.verdict} = 'applied' and ${t.source} in ('notify', 'query')`),
    // A payment the bill has and the shop never booked is an anomaly once, however often its day is reconciled.
    uniqueIndex('pay_logs_one_bill_anomaly_per_transaction')
      .on(t.transactionId)
      .where(sql`${t.source} = 'bill'`),
    // Exactly one applied row of a refund message per refund that reached a final state (their raw
    // always carries out_refund_no: lib/refunds/refund-pay-log.ts).
    uniqueIndex('pay_logs_one_applied_per_refund')
      .on(sql`(${t.raw} ->> 'out_refund_no')`)
      .where(sql`${t.verdict} = 'applied' and ${t.source} in ('refund_notify', 'refund_query')`),
    check('pay_logs_source_check', oneOf(t.source, PAY_SOURCES)),
    check('pay_logs_verdict_check', oneOf(t.verdict, VERDICTS)),
  ],
);

/**
 * Messages that could not be authenticated (verdict unverified), counted per source and minute
 * across all instances. The first UNVERIFIED_KEPT_PER_MINUTE of a minute get a pay log row with a
 * bounded excerpt; the rest are only counted here, so a flood of forged notifies costs one row
 * per minute instead of one per message.
 */
export const unverifiedMessageCounts = pgTable(
  'unverified_message_counts',
  {
    source: text('source', { enum: PAY_SOURCES }).notNull(),
    minute: tz('minute').notNull(),
    received: integer('received').notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.minute] })],
);

/** A product's uploaded image, in the database so it works on a serverless host without a disk. */
export const productImages = pgTable('product_images', {
  productId: integer('product_id')
    .primaryKey()
    .references(() => products.id),
  /** image/png | image/jpeg | image/webp, decided from the bytes, never from the upload's claim. */
  contentType: text('content_type').notNull(),
  bytes: bytea('bytes').notNull(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/**
 * Money going back for one WeChat transaction (spec "Refunds"). `out_refund_no` is our id at
 * WeChat, reused on every retry, so WeChat refunds once however often it is sent.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: serial('id').primaryKey(),
    outRefundNo: text('out_refund_no').notNull(),
    /** The operator's click: the same key for the same order is the same refund. */
    idempotencyKey: text('idempotency_key').notNull(),
    orderNo: text('order_no')
      .notNull()
      .references(() => orders.orderNo),
    /** The transaction refunded: the order's applied one, or an anomaly's payment. */
    transactionId: text('transaction_id').notNull(),
    /** That transaction's amount. */
    totalFee: integer('total_fee').notNull(),
    refundFee: integer('refund_fee').notNull(),
    reason: text('reason').notNull().default(''),
    restockItems: jsonb('restock_items').$type<{ productId: number; quantity: number }[]>().notNull().default([]),
    status: text('status', { enum: REFUND_STATUSES }).notNull().default('requested'),
    refundId: text('refund_id'),
    errCode: text('err_code'),
    requestedBy: integer('requested_by').references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    succeededAt: tz('succeeded_at'),
    /** A sweeper that claimed this refund owns it until then, as with orders. */
    sweepLeaseUntil: tz('sweep_lease_until'),
  },
  (t) => [
    uniqueIndex('refunds_out_refund_no_key').on(t.outRefundNo),
    uniqueIndex('refunds_order_no_idempotency_key_key').on(t.orderNo, t.idempotencyKey),
    index('refunds_transaction_id_idx').on(t.transactionId),
    index('refunds_status_updated_at_idx').on(t.status, t.updatedAt),
    index('refunds_created_at_idx').on(t.createdAt),
    index('refunds_succeeded_at_idx').on(t.succeededAt),
    check('refunds_status_check', oneOf(t.status, REFUND_STATUSES)),
    check('refunds_refund_fee_check', sql`${t.refundFee} > 0 and ${t.refundFee} <= ${t.totalFee}`),
  ],
);

/** An operator's resolution of an anomalous or rejected pay log; pay_logs itself stays append-only. */
export const anomalyResolutions = pgTable(
  'anomaly_resolutions',
  {
    id: serial('id').primaryKey(),
    payLogId: integer('pay_log_id')
      .notNull()
      .references(() => payLogs.id),
    resolvedBy: integer('resolved_by')
      .notNull()
      .references(() => users.id),
    note: text('note').notNull(),
    resolvedAt: tz('resolved_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('anomaly_resolutions_pay_log_id_key').on(t.payLogId)],
);

/** Fen summed over a day, which can pass an integer's 21 million yuan. */
const dayFen = (name: string) => bigint(name, { mode: 'number' });

/**
 * One reconciled Beijing day (spec "Reconciliation"): WeChat's bill summary beside our own books.
 * The wechat_* totals are null when the bill could not be fetched (status failed).
 */
export const billDays = pgTable(
  'bill_days',
  {
    id: serial('id').primaryKey(),
    billDate: date('bill_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: BILL_DAY_STATUSES }).notNull(),
    wechatTrades: integer('wechat_trades'),
    wechatPaidFen: dayFen('wechat_paid_fen'),
    wechatRefundFen: dayFen('wechat_refund_fen'),
    wechatFeeFen: dayFen('wechat_fee_fen'),
    oursTrades: integer('ours_trades').notNull(),
    oursPaidFen: dayFen('ours_paid_fen').notNull(),
    oursRefundFen: dayFen('ours_refund_fen').notNull(),
    /** Why a day failed (WeChat's error), for operators. */
    detail: text('detail'),
    fetchedAt: tz('fetched_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bill_days_bill_date_key').on(t.billDate), check('bill_days_status_check', oneOf(t.status, BILL_DAY_STATUSES))],
);

/** One difference between WeChat's bill and our books on a day; replaced with the day's result. */
export const billDiscrepancies = pgTable(
  'bill_discrepancies',
  {
    id: serial('id').primaryKey(),
    billDate: date('bill_date', { mode: 'string' })
      .notNull()
      .references(() => billDays.billDate, { onDelete: 'cascade' }),
    kind: text('kind', { enum: DISCREPANCY_KINDS }).notNull(),
    orderNo: text('order_no'),
    transactionId: text('transaction_id'),
    /** Set when the line is a refund. */
    outRefundNo: text('out_refund_no'),
    wechatFen: integer('wechat_fen'),
    oursFen: integer('ours_fen'),
    detail: text('detail').notNull(),
  },
  (t) => [index('bill_discrepancies_bill_date_idx').on(t.billDate), check('bill_discrepancies_kind_check', oneOf(t.kind, DISCREPANCY_KINDS))],
);

export type Product = typeof products.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
export type BillDay = typeof billDays.$inferSelect;

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

/**
 * A refund the sandbox accepted (secapi/pay/refund). PROCESSING until settle_at, then `outcome`
 * (SUCCESS, or CHANGE / REFUNDCLOSE by a fault knob); no outcome = it stays PROCESSING (fault).
 */
export const sandboxRefunds = pgTable(
  'sandbox_refunds',
  {
    id: serial('id').primaryKey(),
    orderId: integer('order_id')
      .notNull()
      .references(() => sandboxOrders.id),
    mchId: text('mch_id').notNull(),
    outRefundNo: text('out_refund_no').notNull(),
    refundId: text('refund_id').notNull(),
    totalFee: integer('total_fee').notNull(),
    refundFee: integer('refund_fee').notNull(),
    refundDesc: text('refund_desc'),
    notifyUrl: text('notify_url').notNull(),
    /** PROCESSING | SUCCESS | CHANGE | REFUNDCLOSE */
    status: text('status').notNull().default('PROCESSING'),
    outcome: text('outcome'),
    settleAt: tz('settle_at').notNull(),
    successAt: tz('success_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sandbox_refunds_mch_out_refund_no_key').on(t.mchId, t.outRefundNo),
    uniqueIndex('sandbox_refunds_refund_id_key').on(t.refundId),
    index('sandbox_refunds_order_idx').on(t.orderId),
    index('sandbox_refunds_due_idx').on(t.status, t.settleAt),
  ],
);

/** One payment or refund notification to deliver to a merchant's notify_url, retried on WeChat's schedule. */
export const sandboxNotifications = pgTable(
  'sandbox_notifications',
  {
    id: serial('id').primaryKey(),
    orderId: integer('order_id')
      .notNull()
      .references(() => sandboxOrders.id),
    /** Set for a refund notify (req_info), null for a payment notify; both are delivered alike. */
    refundId: integer('refund_id').references(() => sandboxRefunds.id),
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
  /** SYSTEMERROR | AMOUNT_MISMATCH | REFUND | FEE_TYPE_USD */
  orderquery: text('orderquery'),
  /** ORDERPAID */
  closeorder: text('closeorder'),
  /** TIMEOUT: the next `count` unifiedorder replies are held past the client's timeout */
  unifiedorder: text('unifiedorder'),
  /** NOTENOUGH | SYSTEMERROR | PROCESSING | CHANGE | CLOSE */
  refund: text('refund'),
  /** drop | duplicate */
  refundNotify: text('refund_notify'),
  /** extra | missing | amount: planted in the next bill served, then spent */
  bill: text('bill'),
  /** timeout | garbage: the mode 1 scan callback's reply is too late / unreadable */
  nativeCallback: text('native_callback'),
  createdAt: tz('created_at')
    .notNull()
    .default(sql`now()`),
});

export type SandboxOrder = typeof sandboxOrders.$inferSelect;
export type SandboxNotification = typeof sandboxNotifications.$inferSelect;
export type SandboxRefund = typeof sandboxRefunds.$inferSelect;
export type SandboxFault = typeof sandboxFaults.$inferSelect;
