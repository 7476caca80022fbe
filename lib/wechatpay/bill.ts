import { formatWxDateTime, parseWxDateTime } from './datetime';
import { WechatPayError } from './errors';
import { formatYuan, parseYuan, roundDiv } from './yuan';

// The downloadbill text (spec §10): UTF-8 with BOM, a header row of Chinese names, rows whose every value is
// prefixed by a backtick, then a summary header and a summary row. Amounts are yuan; fees carry up to 5 decimals.

// The column lists below stay about ten names a line (prettier-ignore), not one a line.
// prettier-ignore
/** The current layout (27 columns), as WeChat prints the ALL bill for a direct merchant. */
export const BILL_COLUMNS_27 = [
  '交易时间', '公众账号ID', '商户号', '特约商户号', '设备号', '微信订单号', '商户订单号', '用户标识', '交易类型', '交易状态',
  '付款银行', '货币种类', '应结订单金额', '代金券金额', '微信退款单号', '商户退款单号', '退款金额', '充值券退款金额', '退款类型',
  '退款状态', '商品名称', '商户数据包', '手续费', '费率', '订单金额', '申请退款金额', '费率备注',
] as const;

// prettier-ignore
/** The older layout (24 columns): no 订单金额, 申请退款金额, 费率备注, and older names for four columns. */
export const BILL_COLUMNS_24 = [
  '交易时间', '公众账号ID', '商户号', '子商户号', '设备号', '微信订单号', '商户订单号', '用户标识', '交易类型', '交易状态',
  '付款银行', '货币种类', '总金额', '代金券或立减优惠金额', '微信退款单号', '商户退款单号', '退款金额', '代金券或立减优惠退款金额',
  '退款类型', '退款状态', '商品名称', '商户数据包', '手续费', '费率',
] as const;

// prettier-ignore
export const BILL_SUMMARY_COLUMNS_27 = [
  '总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额',
] as const;

export const BILL_SUMMARY_COLUMNS_24 = ['总交易单数', '总交易额', '总退款金额', '总代金券或立减优惠退款金额', '手续费总金额'] as const;

/** One line of the bill; a refund is a line of its own with tradeState REFUND. */
export interface BillRow {
  kind: 'payment' | 'refund';
  /** 交易时间, Beijing time. */
  tradeTime: Date;
  appid: string;
  mchId: string;
  /** 特约商户号 / 子商户号. */
  subMchId: string;
  deviceInfo: string;
  transactionId: string;
  outTradeNo: string;
  openid: string;
  tradeType: string;
  tradeState: string;
  bankType: string;
  feeType: string;
  /** 应结订单金额 (older: 总金额). */
  settlementTotalFen: number;
  /** 代金券金额 (older: 代金券或立减优惠金额). */
  couponFen: number;
  /** 微信退款单号; only on refund lines (payment lines print 0). */
  refundId?: string;
  /** 商户退款单号; only on refund lines. */
  outRefundNo?: string;
  refundFen: number;
  /** 充值券退款金额 (older: 代金券或立减优惠退款金额). */
  couponRefundFen: number;
  refundType?: string;
  refundStatus?: string;
  /** 商品名称. */
  body: string;
  /** 商户数据包. */
  attach: string;
  /** 手续费 in thousandths of a fen (the column has up to five decimals of yuan); negative on refund lines. */
  feeMilliFen: number;
  /** 费率, as printed (e.g. `0.60%`). */
  rate: string;
  /** 订单金额 (27 columns only). */
  totalFen?: number;
  /** 申请退款金额 (27 columns only). */
  requestedRefundFen?: number;
  /** 费率备注 (27 columns only). */
  rateNote?: string;
}

export interface BillSummary {
  tradeCount: number;
  /** 应结订单总金额 (older: 总交易额). */
  settlementTotalFen: number;
  /** 退款总金额 (older: 总退款金额). */
  refundFen: number;
  /** 充值券退款总金额 (older: 总代金券或立减优惠退款金额). */
  couponRefundFen: number;
  /** 手续费总金额 as printed, in thousandths of a fen. */
  feeMilliFen: number;
  /** 订单总金额 (27 columns only). */
  totalFen?: number;
  /** 申请退款总金额 (27 columns only). */
  requestedRefundFen?: number;
}

export interface Bill {
  rows: BillRow[];
  summary: BillSummary;
}

export class WxBillFormatError extends WechatPayError {
  /** 1-based line of the bill text. */
  readonly line: number;

  constructor(line: number, message: string) {
    super('BILL_FORMAT', `bill line ${line}: ${message}`);
    this.name = 'WxBillFormatError';
    this.line = line;
  }
}

type RowField = Exclude<keyof BillRow, 'kind'>;
type SummaryField = keyof BillSummary;

// Every name a column has had, so the header is read by name whatever the layout.
const ROW_COLUMNS: Record<string, RowField> = {
  交易时间: 'tradeTime',
  公众账号ID: 'appid',
  商户号: 'mchId',
  特约商户号: 'subMchId',
  子商户号: 'subMchId',
  设备号: 'deviceInfo',
  微信订单号: 'transactionId',
  商户订单号: 'outTradeNo',
  用户标识: 'openid',
  交易类型: 'tradeType',
  交易状态: 'tradeState',
  付款银行: 'bankType',
  货币种类: 'feeType',
  应结订单金额: 'settlementTotalFen',
  总金额: 'settlementTotalFen',
  代金券金额: 'couponFen',
  代金券或立减优惠金额: 'couponFen',
  微信退款单号: 'refundId',
  商户退款单号: 'outRefundNo',
  退款金额: 'refundFen',
  充值券退款金额: 'couponRefundFen',
  代金券或立减优惠退款金额: 'couponRefundFen',
  企业红包退款金额: 'couponRefundFen',
  退款类型: 'refundType',
  退款状态: 'refundStatus',
  商品名称: 'body',
  商户数据包: 'attach',
  手续费: 'feeMilliFen',
  费率: 'rate',
  订单金额: 'totalFen',
  申请退款金额: 'requestedRefundFen',
  费率备注: 'rateNote',
};

const SUMMARY_COLUMNS: Record<string, SummaryField> = {
  总交易单数: 'tradeCount',
  应结订单总金额: 'settlementTotalFen',
  总交易额: 'settlementTotalFen',
  退款总金额: 'refundFen',
  总退款金额: 'refundFen',
  充值券退款总金额: 'couponRefundFen',
  总代金券或立减优惠退款金额: 'couponRefundFen',
  总企业红包退款金额: 'couponRefundFen',
  手续费总金额: 'feeMilliFen',
  订单总金额: 'totalFen',
  申请退款总金额: 'requestedRefundFen',
};

const REQUIRED_ROW_FIELDS: readonly RowField[] = ['tradeTime', 'transactionId', 'outTradeNo', 'tradeState', 'settlementTotalFen', 'feeMilliFen'];
const REQUIRED_SUMMARY_FIELDS: readonly SummaryField[] = ['tradeCount', 'settlementTotalFen', 'refundFen', 'feeMilliFen'];
const FEN_FIELDS = new Set<string>(['settlementTotalFen', 'couponFen', 'refundFen', 'couponRefundFen', 'totalFen', 'requestedRefundFen'] satisfies (
  RowField | SummaryField
)[]);
const FEE_DECIMALS = 5;
const MILLI_FEN_PER_FEN = 1000;
const BOM = '\uFEFF';
const SUMMARY_FIRST_COLUMN = '总交易单数';

/** Reads a header row: where each field's column is, by name. */
function readHeader<F extends string>(
  line: string,
  lineNo: number,
  names: Record<string, F>,
  required: readonly F[],
): { width: number; at: Partial<Record<F, number>> } {
  const columns = line.split(',');
  const at: Partial<Record<F, number>> = {};
  columns.forEach((name, i) => {
    const field = names[name.trim()];
    if (field === undefined) throw new WxBillFormatError(lineNo, `unknown column ${JSON.stringify(name)}`);
    if (at[field] !== undefined) throw new WxBillFormatError(lineNo, `two columns for ${field}`);
    at[field] = i;
  });
  for (const field of required) {
    if (at[field] === undefined) throw new WxBillFormatError(lineNo, `no column for ${field}`);
  }
  return { width: columns.length, at };
}

/** Every value starts with a backtick, so `,`` is the separator and a comma inside a value (e.g. 商品名称) is safe. */
function readValues(line: string, lineNo: number, width: number): string[] {
  if (!line.startsWith('`')) throw new WxBillFormatError(lineNo, 'values must start with a backtick');
  const values = line.slice(1).split(',`');
  if (values.length !== width) throw new WxBillFormatError(lineNo, `expected ${width} values, got ${values.length}`);
  return values;
}

/** Reads one line's values by field, each at most once and with the line number in every error. */
function lineReader<F extends string>(values: string[], at: Partial<Record<F, number>>, lineNo: number) {
  const text = (field: F): string | undefined => {
    const i = at[field];
    return i === undefined ? undefined : values[i];
  };
  const amount = (field: F, decimals: number): number | undefined => {
    const t = text(field);
    if (t === undefined) return undefined;
    const value = parseYuan(t, decimals);
    if (value === undefined) throw new WxBillFormatError(lineNo, `${field} is not a yuan amount: ${JSON.stringify(t)}`);
    return value;
  };
  return { text, fen: (field: F) => amount(field, 2), milliFen: (field: F) => amount(field, FEE_DECIMALS) };
}

function toRow(values: string[], at: Partial<Record<RowField, number>>, lineNo: number): BillRow {
  const read = lineReader(values, at, lineNo);
  const tradeTimeText = read.text('tradeTime') as string;
  let tradeTime: Date;
  try {
    tradeTime = parseWxDateTime(tradeTimeText);
  } catch {
    throw new WxBillFormatError(lineNo, `交易时间 is not yyyy-MM-dd HH:mm:ss: ${JSON.stringify(tradeTimeText)}`);
  }
  const tradeState = read.text('tradeState') as string;
  const kind = tradeState === 'REFUND' ? 'refund' : 'payment';
  // Payment lines print 0 (or nothing) in the refund columns.
  const refundText = (field: RowField) => {
    const t = read.text(field);
    return t === '' || (kind === 'payment' && t === '0') ? undefined : t;
  };
  return {
    kind,
    tradeTime,
    appid: read.text('appid') ?? '',
    mchId: read.text('mchId') ?? '',
    subMchId: read.text('subMchId') ?? '',
    deviceInfo: read.text('deviceInfo') ?? '',
    transactionId: read.text('transactionId') as string,
    outTradeNo: read.text('outTradeNo') as string,
    openid: read.text('openid') ?? '',
    tradeType: read.text('tradeType') ?? '',
    tradeState,
    bankType: read.text('bankType') ?? '',
    feeType: read.text('feeType') ?? '',
    settlementTotalFen: read.fen('settlementTotalFen') as number,
    couponFen: read.fen('couponFen') ?? 0,
    refundId: refundText('refundId'),
    outRefundNo: refundText('outRefundNo'),
    refundFen: read.fen('refundFen') ?? 0,
    couponRefundFen: read.fen('couponRefundFen') ?? 0,
    refundType: refundText('refundType'),
    refundStatus: refundText('refundStatus'),
    body: read.text('body') ?? '',
    attach: read.text('attach') ?? '',
    feeMilliFen: read.milliFen('feeMilliFen') as number,
    rate: read.text('rate') ?? '',
    totalFen: read.fen('totalFen'),
    requestedRefundFen: read.fen('requestedRefundFen'),
    rateNote: read.text('rateNote'),
  };
}

function toSummary(values: string[], at: Partial<Record<SummaryField, number>>, lineNo: number): BillSummary {
  const read = lineReader(values, at, lineNo);
  const count = read.text('tradeCount') as string;
  // WeChat has printed the count both as `45` and as `45.0`.
  if (!/^\d+(?:\.0+)?$/.test(count)) throw new WxBillFormatError(lineNo, `总交易单数 is not a count: ${JSON.stringify(count)}`);
  const summary: BillSummary = {
    tradeCount: Number.parseInt(count, 10),
    settlementTotalFen: read.fen('settlementTotalFen') as number,
    refundFen: read.fen('refundFen') as number,
    couponRefundFen: read.fen('couponRefundFen') ?? 0,
    feeMilliFen: read.milliFen('feeMilliFen') as number,
  };
  const totalFen = read.fen('totalFen');
  const requestedRefundFen = read.fen('requestedRefundFen');
  if (totalFen !== undefined) summary.totalFen = totalFen;
  if (requestedRefundFen !== undefined) summary.requestedRefundFen = requestedRefundFen;
  return summary;
}

/** Parses the bill text: tolerant of a BOM and CRLF, strict about every value, amounts as exact integers. */
export function parseBill(text: string): Bill {
  const lines = (text.startsWith(BOM) ? text.slice(1) : text).split(/\r?\n/);
  while (lines.at(-1) === '') lines.pop();
  const [first, ...rest] = lines;
  if (first === undefined) throw new WxBillFormatError(1, 'the bill is empty');

  const header = readHeader(first, 1, ROW_COLUMNS, REQUIRED_ROW_FIELDS);
  const rows: BillRow[] = [];
  let i = 0;
  for (let line = rest[i]; line !== undefined && !line.startsWith(SUMMARY_FIRST_COLUMN); line = rest[++i]) {
    rows.push(toRow(readValues(line, i + 2, header.width), header.at, i + 2));
  }
  // rest[i] is the summary header, rest[i + 1] its row; line numbers count from 1 and include the header line.
  const [summaryHeaderLine, summaryLine, ...after] = rest.slice(i);
  if (summaryHeaderLine === undefined) throw new WxBillFormatError(i + 2, 'no summary header');
  const summaryHeader = readHeader(summaryHeaderLine, i + 2, SUMMARY_COLUMNS, REQUIRED_SUMMARY_FIELDS);
  if (summaryLine === undefined) throw new WxBillFormatError(i + 3, 'no summary row');
  const summary = toSummary(readValues(summaryLine, i + 3, summaryHeader.width), summaryHeader.at, i + 3);
  if (after.length > 0) throw new WxBillFormatError(i + 4, 'text after the summary row');
  return { rows, summary };
}

/** The fees of the rows summed exactly, then rounded half-up to whole fen once (product.md "Reconciliation"). */
export function billFeeFen(rows: readonly BillRow[]): number {
  return roundDiv(
    rows.reduce((sum, row) => sum + row.feeMilliFen, 0),
    MILLI_FEN_PER_FEN,
  );
}

const ROW_FIELDS_27 = BILL_COLUMNS_27.map((name) => fieldOf(ROW_COLUMNS, name));
const ROW_FIELDS_24 = BILL_COLUMNS_24.map((name) => fieldOf(ROW_COLUMNS, name));
const SUMMARY_FIELDS_27 = BILL_SUMMARY_COLUMNS_27.map((name) => fieldOf(SUMMARY_COLUMNS, name));
const SUMMARY_FIELDS_24 = BILL_SUMMARY_COLUMNS_24.map((name) => fieldOf(SUMMARY_COLUMNS, name));

function fieldOf<F>(columns: Record<string, F>, name: string): F {
  const field = columns[name];
  if (field === undefined) throw new Error(`bill column ${name} has no field`);
  return field;
}

function formatRowValue(row: BillRow, field: RowField): string {
  if (field === 'tradeTime') return formatWxDateTime(row.tradeTime);
  if (field === 'feeMilliFen') return formatYuan(row.feeMilliFen, FEE_DECIMALS);
  if (FEN_FIELDS.has(field)) return formatYuan((row[field] as number | undefined) ?? 0, 2);
  if (field === 'refundId' || field === 'outRefundNo') return row[field] ?? (row.kind === 'payment' ? '0' : '');
  return (row[field] as string | undefined) ?? '';
}

function formatSummaryValue(summary: BillSummary, field: SummaryField): string {
  if (field === 'tradeCount') return String(summary.tradeCount);
  if (field === 'feeMilliFen') return formatYuan(summary.feeMilliFen, FEE_DECIMALS);
  return formatYuan(summary[field] ?? 0, 2);
}

/** WeChat's bill text for these rows (BOM, CRLF, backtick-prefixed values): the inverse of parseBill. */
export function formatBill(rows: readonly BillRow[], summary: BillSummary, columns: 24 | 27 = 27): string {
  const [names, fields, summaryNames, summaryFields] =
    columns === 27
      ? [BILL_COLUMNS_27, ROW_FIELDS_27, BILL_SUMMARY_COLUMNS_27, SUMMARY_FIELDS_27]
      : [BILL_COLUMNS_24, ROW_FIELDS_24, BILL_SUMMARY_COLUMNS_24, SUMMARY_FIELDS_24];
  const line = (values: string[]) => values.map((value) => `\`${value}`).join(',');
  const out = [names.join(',')];
  for (const row of rows) out.push(line(fields.map((field) => formatRowValue(row, field))));
  out.push(summaryNames.join(','), line(summaryFields.map((field) => formatSummaryValue(summary, field))));
  return `${BOM}${out.join('\r\n')}\r\n`;
}

/** The summary WeChat prints under these rows: payments' amounts, refunds' amounts and every fee. */
export function summarizeBill(rows: readonly BillRow[]): BillSummary {
  const sum = (pick: (row: BillRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    tradeCount: rows.length,
    settlementTotalFen: sum((row) => row.settlementTotalFen),
    refundFen: sum((row) => row.refundFen),
    couponRefundFen: sum((row) => row.couponRefundFen),
    feeMilliFen: sum((row) => row.feeMilliFen),
    totalFen: sum((row) => row.totalFen ?? 0),
    requestedRefundFen: sum((row) => row.requestedRefundFen ?? 0),
  };
}
