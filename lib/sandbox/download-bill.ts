// 下载交易账单 (wechatpay.md §10): the bill of one Beijing day, built from the sandbox's own tables as
// WeChat builds it from its books: every payment that succeeded that day and every refund that
// succeeded that day (its own line, dated on the refund day), with a 0.6 % fee. The success reply is
// the bill text itself, unsigned (gzip with tar_type=GZIP); every failure is unsigned XML with
// `error_code`. The sandbox also serves today's bill, so tests and demos need not wait a day.
import 'server-only';
import { randomInt } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { and, asc, eq, gte, isNotNull, lt } from 'drizzle-orm';
import { getSandboxDb } from '@/db';
import { sandboxOrders, sandboxRefunds, type SandboxOrder } from '@/db/schema';
import { buildXml, field, formatBill, formatWxTime, isBillDate, parseWxTime, summarizeBill, type BillRow } from '@/lib/wechatpay';
import { authenticate, checkEnvelope } from './envelope';
import { takeBillFault, type BillFault } from './faults';
import { kickNotifyWorker } from './notify-worker';
import { openid, transactionId } from './pay-order';
import { settleDueRefunds } from './settle-refunds';

const BILL_TYPES = ['ALL', 'SUCCESS', 'REFUND'] as const;
type SandboxBillType = (typeof BILL_TYPES)[number];

/** 0.6 %, in thousandths of a fen per fen: fen × 0.006 × 1000. */
const FEE_MILLI_FEN_PER_FEN = 6;
const RATE = '0.60%';
const DAY_MS = 24 * 3600 * 1000;
/** What the `extra` fault's payment, which the shop never heard of, costs. */
const EXTRA_PAYMENT_FEN = 888;

export type BillReply = { ok: true; body: Buffer; gzip: boolean } | { ok: false; xml: string };

const fail = (returnMsg: string, errorCode?: string): BillReply => ({
  ok: false,
  xml: buildXml({ return_code: 'FAIL', return_msg: returnMsg, error_code: errorCode }),
});

export async function downloadBill(text: string): Promise<BillReply> {
  const auth = authenticate(text);
  // downloadbill words a bad sign its own way (§10: `sign error`, error_code 20001).
  if (!auth.ok) return auth.badSign ? fail('sign error', '20001') : fail(auth.returnMsg);
  const refused = await checkEnvelope(auth.request);
  if (refused && !refused.ok) return fail(refused.errCodeDes);

  const { fields, merchant } = auth.request;
  const billDate = field(fields, 'bill_date');
  const billType = field(fields, 'bill_type') ?? 'ALL';
  const tarType = field(fields, 'tar_type');
  if (billDate === undefined) return fail('missing parameter');
  const start = dayStart(billDate);
  if (!start || billDate > formatWxTime(new Date()).slice(0, 8)) return fail('invalid bill_date');
  if (!isBillType(billType)) return fail('invalid bill_type');
  if (tarType !== undefined && tarType !== 'GZIP') return fail('invalid tar_type');

  // So that a refund past its settling time is billed as the success it is (and its notify goes out).
  if ((await settleDueRefunds()) > 0) kickNotifyWorker();
  let rows = await billRows(merchant.mchId, start, billType);
  if (rows.length === 0) return fail('No Bill Exist', '20002');
  const fault = await takeBillFault();
  if (fault) rows = plantDiscrepancy(rows, fault);
  const bill = Buffer.from(formatBill(rows, summarizeBill(rows)), 'utf8');
  return { ok: true, body: tarType === 'GZIP' ? gzipSync(bill) : bill, gzip: tarType === 'GZIP' };
}

function isBillType(s: string): s is SandboxBillType {
  return (BILL_TYPES as readonly string[]).includes(s);
}

/** 00:00 Beijing time of a yyyyMMdd day, or undefined for anything else. */
function dayStart(billDate: string): Date | undefined {
  return isBillDate(billDate) ? parseWxTime(`${billDate}000000`) : undefined;
}

async function billRows(mchId: string, start: Date, billType: SandboxBillType): Promise<BillRow[]> {
  const end = new Date(start.getTime() + DAY_MS);
  const db = getSandboxDb();
  const o = sandboxOrders;
  const r = sandboxRefunds;
  const payments =
    billType === 'REFUND'
      ? []
      : await db
          .select()
          .from(o)
          .where(and(eq(o.mchId, mchId), eq(o.tradeState, 'SUCCESS'), isNotNull(o.transactionId), gte(o.paidAt, start), lt(o.paidAt, end)))
          .orderBy(asc(o.paidAt), asc(o.id));
  const refunds =
    billType === 'SUCCESS'
      ? []
      : await db
          .select({ refund: r, order: o })
          .from(r)
          .innerJoin(o, eq(o.id, r.orderId))
          .where(and(eq(r.mchId, mchId), eq(r.status, 'SUCCESS'), gte(r.successAt, start), lt(r.successAt, end)))
          .orderBy(asc(r.successAt), asc(r.id));
  const rows: BillRow[] = [
    ...payments.map((order) => paymentRow(tradeOf(order, order.paidAt!))),
    ...refunds.map(({ refund, order }) => ({
      ...paymentRow(tradeOf(order, refund.successAt!)),
      ...refundFields(refund.refundId, refund.outRefundNo, refund.refundFee),
    })),
  ];
  return rows.sort((a, b) => a.tradeTime.getTime() - b.tradeTime.getTime());
}

interface Trade {
  tradeTime: Date;
  appid: string;
  mchId: string;
  transactionId: string;
  outTradeNo: string;
  openid: string;
  body: string;
  attach: string;
  totalFen: number;
}

function tradeOf(order: SandboxOrder, tradeTime: Date): Trade {
  return {
    tradeTime,
    appid: order.appid,
    mchId: order.mchId,
    transactionId: order.transactionId ?? '',
    outTradeNo: order.outTradeNo,
    openid: order.openid ?? '',
    body: order.body,
    attach: order.attach ?? '',
    totalFen: order.totalFee,
  };
}

function paymentRow(t: Trade): BillRow {
  return {
    kind: 'payment',
    tradeTime: t.tradeTime,
    appid: t.appid,
    mchId: t.mchId,
    subMchId: '0',
    deviceInfo: '',
    transactionId: t.transactionId,
    outTradeNo: t.outTradeNo,
    openid: t.openid,
    tradeType: 'NATIVE',
    tradeState: 'SUCCESS',
    bankType: 'OTHERS',
    feeType: 'CNY',
    settlementTotalFen: t.totalFen,
    couponFen: 0,
    refundFen: 0,
    couponRefundFen: 0,
    body: t.body,
    attach: t.attach,
    feeMilliFen: t.totalFen * FEE_MILLI_FEN_PER_FEN,
    rate: RATE,
    totalFen: t.totalFen,
    requestedRefundFen: 0,
    rateNote: '',
  };
}

/** What turns a payment line into its refund's line: no settled amount, the refund's, a negative fee. */
function refundFields(refundId: string, outRefundNo: string, refundFen: number): Partial<BillRow> {
  return {
    kind: 'refund',
    tradeState: 'REFUND',
    settlementTotalFen: 0,
    refundId,
    outRefundNo,
    refundFen,
    refundType: 'ORIGINAL',
    refundStatus: 'SUCCESS',
    feeMilliFen: -refundFen * FEE_MILLI_FEN_PER_FEN,
    requestedRefundFen: refundFen,
  };
}

/** The bill fault: one discrepancy, on the day's latest line (a test's own payment, made just before). */
export function plantDiscrepancy(rows: BillRow[], fault: BillFault): BillRow[] {
  const last = rows.at(-1);
  if (!last) return rows;
  const before = rows.slice(0, -1);
  if (fault === 'missing') return before;
  if (fault === 'amount') {
    const changed: BillRow =
      last.kind === 'payment'
        ? {
            ...last,
            settlementTotalFen: last.settlementTotalFen + 1,
            totalFen: (last.totalFen ?? 0) + 1,
            feeMilliFen: last.feeMilliFen + FEE_MILLI_FEN_PER_FEN,
          }
        : { ...last, ...refundFields(last.refundId ?? '', last.outRefundNo ?? '', last.refundFen + 1) };
    return [...before, changed];
  }
  const extra = paymentRow({
    ...last,
    transactionId: transactionId(last.tradeTime),
    outTradeNo: `EXTRA${formatWxTime(last.tradeTime)}${randomInt(1_000_000).toString().padStart(6, '0')}`,
    openid: openid(),
    totalFen: EXTRA_PAYMENT_FEN,
  });
  return [...rows, extra];
}
