// Fault knobs (POST/GET/DELETE /sandbox/faults): misbehaviour that tests, benchmarks and demos switch
// on, per transaction or for all ('*'). Stored in sandbox_faults so every server instance sees them,
// and read when the event happens (the payment, for notify faults).
import 'server-only';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getSandboxDb, type Db } from '@/db';
import { queryRows } from '@/db/query-rows';
import { sandboxFaults, type SandboxFault } from '@/db/schema';
import type { Tx } from './orders';
import { dbNowPlus } from './timing';

const GLOBAL_SCOPE = '*';
const DEFAULT_DUPLICATE_COUNT = 2;
export const UNIFIEDORDER_FAULTS = ['TIMEOUT', 'SYSTEMERROR', 'NOAUTH'] as const;
export type UnifiedOrderFault = (typeof UNIFIEDORDER_FAULTS)[number];
export const BILL_FAULTS = ['extra', 'missing', 'amount'] as const;
export type BillFault = (typeof BILL_FAULTS)[number];

const faultsInput = z
  .strictObject({
    // The out_trade_no rule itself, which also keeps '*' (the global scope) from being named.
    outTradeNo: z
      .string()
      .regex(/^[0-9A-Za-z_\-|*]{6,32}$/, 'must be an out_trade_no (6–32 of [0-9A-Za-z_-|*])')
      .optional(),
    notify: z.enum(['drop', 'duplicate', 'delay']).optional(),
    count: z.int().min(1).max(20).optional(),
    delayMs: z
      .int()
      .min(0)
      .max(24 * 3600 * 1000)
      .optional(),
    // SYSTEMERROR: the call fails. The others change a paid order's answer, as WeChat could give it:
    // another amount, refunded in the merchant platform, settled in USD (an unpaid order is unaffected).
    orderquery: z.enum(['SYSTEMERROR', 'AMOUNT_MISMATCH', 'REFUND', 'FEE_TYPE_USD']).optional(),
    closeorder: z.literal('ORDERPAID').optional(),
    // For the next `count` unifiedorder requests (default 1). TIMEOUT creates the order as asked,
    // then holds the reply past the client's timeout (a lost reply); SYSTEMERROR asks the merchant
    // to repeat the call; NOAUTH is a definite refusal. Neither of the last two creates the order.
    unifiedorder: z.enum(UNIFIEDORDER_FAULTS).optional(),
    // Refused, error, stays processing, ends abnormal, ends closed (product.md, "Refunds", Sandbox).
    refund: z.enum(['NOTENOUGH', 'SYSTEMERROR', 'PROCESSING', 'CHANGE', 'CLOSE']).optional(),
    refundNotify: z.enum(['drop', 'duplicate']).optional(),
    // One discrepancy of this kind in the next bill served (a payment WeChat has and the shop does
    // not, a payment left out, another amount), then spent. A bill is the merchant's, not a transaction's.
    bill: z.enum(BILL_FAULTS).optional(),
    // Native mode 1: the merchant's reply to the scan callback comes too late / cannot be read (global only).
    nativeCallback: z.enum(['timeout', 'garbage']).optional(),
  })
  .refine(
    (f) => f.count === undefined || [f.notify === 'duplicate', f.refundNotify === 'duplicate', f.unifiedorder !== undefined].filter(Boolean).length === 1,
    {
      path: ['count'],
      message: 'count goes with one of notify "duplicate" or refundNotify "duplicate" (copies), or unifiedorder (how many requests)',
    },
  )
  .refine((f) => f.bill === undefined || f.outTradeNo === undefined, {
    path: ['bill'],
    message: 'bill is a fault of the whole bill: leave outTradeNo out',
  })
  .refine((f) => f.nativeCallback === undefined || f.outTradeNo === undefined, {
    path: ['nativeCallback'],
    message: 'nativeCallback is global: a scan comes before any out_trade_no',
  })
  .refine((f) => (f.delayMs !== undefined) === (f.notify === 'delay'), {
    path: ['delayMs'],
    message: 'notify "delay" needs delayMs, and delayMs goes only with it',
  });

export type FaultsInput = z.infer<typeof faultsInput>;
export type Faults = Omit<FaultsInput, 'outTradeNo'>;

export type FaultsOutcome = { ok: true; faults: FaultsInput[] } | { ok: false; error: string };

/** Sets one scope's faults, replacing what it had; a body naming no fault clears that scope. */
export async function setFaults(input: unknown): Promise<FaultsOutcome> {
  const parsed = faultsInput.safeParse(input);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return { ok: false, error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` };
  }
  const { outTradeNo, ...knobs } = parsed.data;
  const scope = outTradeNo ?? GLOBAL_SCOPE;
  const db = getSandboxDb();
  if (Object.values(knobs).every((value) => value === undefined)) {
    await db.delete(sandboxFaults).where(eq(sandboxFaults.scope, scope));
  } else {
    const row = {
      notify: knobs.notify ?? null,
      count:
        knobs.notify === 'duplicate' || knobs.refundNotify === 'duplicate'
          ? (knobs.count ?? DEFAULT_DUPLICATE_COUNT)
          : knobs.unifiedorder
            ? (knobs.count ?? 1)
            : null,
      delayMs: knobs.delayMs ?? null,
      orderquery: knobs.orderquery ?? null,
      closeorder: knobs.closeorder ?? null,
      unifiedorder: knobs.unifiedorder ?? null,
      refund: knobs.refund ?? null,
      refundNotify: knobs.refundNotify ?? null,
      bill: knobs.bill ?? null,
      nativeCallback: knobs.nativeCallback ?? null,
      createdAt: new Date(),
    };
    await db
      .insert(sandboxFaults)
      .values({ scope, ...row })
      .onConflictDoUpdate({ target: sandboxFaults.scope, set: row });
  }
  return { ok: true, faults: await listFaults() };
}

export async function listFaults(): Promise<FaultsInput[]> {
  const rows = await getSandboxDb().select().from(sandboxFaults).orderBy(asc(sandboxFaults.createdAt), asc(sandboxFaults.scope));
  return rows.map((row) => ({ ...(row.scope === GLOBAL_SCOPE ? {} : { outTradeNo: row.scope }), ...knobsOf(row) }));
}

export async function clearFaults(): Promise<void> {
  // eslint-disable-next-line drizzle/enforce-delete-with-where -- clearing every fault is this function's job
  await getSandboxDb().delete(sandboxFaults);
}

/** The faults in force for one transaction: its own row if it has one, else the global row. */
export async function faultsFor(outTradeNo: string | undefined, executor: Db | Tx = getSandboxDb()): Promise<Faults> {
  const scopes = outTradeNo === undefined ? [GLOBAL_SCOPE] : [outTradeNo, GLOBAL_SCOPE];
  const rows = await executor.select().from(sandboxFaults).where(inArray(sandboxFaults.scope, scopes));
  const row = rows.find((r) => r.scope === outTradeNo) ?? rows.find((r) => r.scope === GLOBAL_SCOPE);
  return row ? knobsOf(row) : {};
}

// The table's text columns hold only values faultsInput accepted, hence the casts.
function knobsOf(row: SandboxFault): Faults {
  const knobs: Faults = {};
  if (row.notify) knobs.notify = row.notify as Faults['notify'];
  if (row.count !== null) knobs.count = row.count;
  if (row.delayMs !== null) knobs.delayMs = row.delayMs;
  if (row.orderquery) knobs.orderquery = row.orderquery as Faults['orderquery'];
  if (row.closeorder) knobs.closeorder = row.closeorder as Faults['closeorder'];
  if (row.unifiedorder) knobs.unifiedorder = row.unifiedorder as Faults['unifiedorder'];
  if (row.refund) knobs.refund = row.refund as Faults['refund'];
  if (row.refundNotify) knobs.refundNotify = row.refundNotify as Faults['refundNotify'];
  if (row.bill) knobs.bill = row.bill as Faults['bill'];
  if (row.nativeCallback) knobs.nativeCallback = row.nativeCallback as Faults['nativeCallback'];
  return knobs;
}

/**
 * The unifiedorder fault for this request, if any, using up one of its `count`: the scope that
 * applies is the transaction's own row if it has one, else the global one.
 */
export async function takeUnifiedOrderFault(outTradeNo: string | undefined): Promise<UnifiedOrderFault | undefined> {
  const f = sandboxFaults;
  const own = outTradeNo ?? GLOBAL_SCOPE;
  // One statement (it runs on every unifiedorder), so concurrent requests never use the same count
  // twice; `was` is the row as it stood (RETURNING alone gives the new values). With unifiedorder
  // set, count is unifiedorder's (setFaults' rule).
  const [taken] = await queryRows<{ fault: UnifiedOrderFault }>(
    sql`
      update ${f} set
        count = case when ${f.count} > 1 then ${f.count} - 1 end,
        unifiedorder = case when ${f.count} > 1 then ${f.unifiedorder} end
      from ${f} was
      where was.scope = ${f.scope} and ${f.unifiedorder} is not null
        and ${f.scope} = (select s.scope from ${f} s where s.scope in (${own}, ${GLOBAL_SCOPE}) order by s.scope = ${GLOBAL_SCOPE} limit 1)
      returning was.unifiedorder as fault`,
    getSandboxDb(),
  );
  return taken?.fault;
}

/**
 * The bill fault, spent by the bill that takes it: one conditional statement, so of two bills
 * served at once only one plants it (`was` is the row as it stood, as in takeUnifiedOrderFault).
 */
export async function takeBillFault(): Promise<BillFault | undefined> {
  const f = sandboxFaults;
  const [taken] = await queryRows<{ fault: BillFault }>(
    sql`
      update ${f} set bill = null
      from ${f} was
      where was.scope = ${f.scope} and ${f.scope} = ${GLOBAL_SCOPE} and ${f.bill} is not null
      returning was.bill as fault`,
    getSandboxDb(),
  );
  return taken?.fault;
}

/** How a notify fault in force when a notification is written shapes its delivery (payment or refund notify). */
export function deliveryPlan(mode: Faults['notify'] | Faults['refundNotify'], faults: Faults) {
  return {
    status: mode === 'drop' ? 'dropped' : 'pending',
    copies: mode === 'duplicate' ? (faults.count ?? DEFAULT_DUPLICATE_COUNT) : 1,
    nextAttemptAt: mode === 'delay' ? dbNowPlus(faults.delayMs ?? 0) : sql`now()`,
  };
}
