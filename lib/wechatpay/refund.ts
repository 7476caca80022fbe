import { parseFen } from './amount';
import { validateMerchantCertificate, type MerchantCertificate } from './certificate';
import { formatWxDateTime, parseWxDateTime } from './datetime';
import { checkSignedReply, postBytes, signedRequestXml, type EnvelopeConfig, type WxRequestEnvelope } from './envelope';
import { WechatPayError, WxBusinessError } from './errors';
import { createSecapiTransport, secapiHttpError, secapiTransportError, WxCertificateRejectedError, type SecapiTransport } from './secapi';
import type { WxFields, WxResponseEnvelope } from './types';
import { isRefundStatus, type RefundStatus } from './trade-state';
import { MAX_XML_BYTES, parseXml } from './xml';

const DEFAULT_TIMEOUT_MS = 10_000;
// WeChat answers at most 10 refunds per refundquery page (spec §8); an order has at most 50 (§7).
const MAX_REFUND_PAGES = 10;

// Wire types (spec §7, §8): field names and string values exactly as in the XML.

export interface WxRefundRequest extends WxRequestEnvelope {
  transaction_id?: string;
  out_trade_no?: string;
  out_refund_no: string;
  total_fee: string;
  refund_fee: string;
  refund_desc?: string;
  notify_url?: string;
}

export interface WxRefundResponse extends WxResponseEnvelope {
  transaction_id?: string;
  out_trade_no?: string;
  out_refund_no?: string;
  refund_id?: string;
  refund_fee?: string;
  settlement_refund_fee?: string;
  total_fee?: string;
  settlement_total_fee?: string;
  fee_type?: string;
  cash_fee?: string;
  cash_fee_type?: string;
  cash_refund_fee?: string;
  coupon_refund_fee?: string;
  coupon_refund_count?: string;
}

export interface WxRefundQueryRequest extends WxRequestEnvelope {
  transaction_id?: string;
  out_trade_no?: string;
  out_refund_no?: string;
  refund_id?: string;
  offset?: string;
}

/** `$n` counts from 0 within the page, as WxJava reads it; with `offset` the first refund of the page is `_0`. */
export interface WxRefundQueryResponse extends WxResponseEnvelope {
  total_refund_count?: string;
  transaction_id?: string;
  out_trade_no?: string;
  total_fee?: string;
  settlement_total_fee?: string;
  fee_type?: string;
  cash_fee?: string;
  refund_count?: string;
  [refundField: `out_refund_no_${number}`]: string | undefined;
  [refundField: `refund_id_${number}`]: string | undefined;
  [refundField: `refund_channel_${number}`]: string | undefined;
  [refundField: `refund_fee_${number}`]: string | undefined;
  [refundField: `settlement_refund_fee_${number}`]: string | undefined;
  [refundField: `coupon_refund_fee_${number}`]: string | undefined;
  [refundField: `refund_status_${number}`]: string | undefined;
  [refundField: `refund_account_${number}`]: string | undefined;
  [refundField: `refund_recv_accout_${number}`]: string | undefined;
  [refundField: `refund_success_time_${number}`]: string | undefined;
}

// Domain types.

/** The transaction to refund: WeChat prefers transaction_id when both are given (spec §7). */
export type RefundTarget = { outTradeNo: string; transactionId?: string } | { outTradeNo?: string; transactionId: string };

export type RefundInput = RefundTarget & {
  /** Ours, ≤ 64 chars of WeChat's set; the same value on every retry of one refund. */
  outRefundNo: string;
  /** Fen: the transaction's amount. */
  totalFee: number;
  /** Fen, 1 ≤ refundFee ≤ totalFee. */
  refundFee: number;
  refundDesc?: string;
  notifyUrl?: string;
};

/** WeChat accepted the refund; its final state comes from refundquery or the refund notify. */
export interface RefundResult {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  totalFee: number;
  refundFee: number;
  settlementRefundFee?: number;
  cashFee?: number;
  cashRefundFee?: number;
  raw: WxFields;
}

export type RefundQuery = { outRefundNo: string } | { refundId: string } | { outTradeNo: string } | { transactionId: string };

export interface RefundRecord {
  outRefundNo: string;
  refundId: string;
  refundFee: number;
  settlementRefundFee?: number;
  couponRefundFee?: number;
  refundStatus: RefundStatus;
  refundChannel?: string;
  refundAccount?: string;
  /** WeChat's spelling. */
  refundRecvAccout?: string;
  successTime?: Date;
}

export interface RefundQueryResult {
  outTradeNo: string;
  transactionId: string;
  totalFee: number;
  cashFee?: number;
  /** Every refund of the order; absent when WeChat does not say (then one page is all there is). */
  totalRefundCount?: number;
  /** This page's refunds. */
  refunds: RefundRecord[];
  raw: WxFields;
}

/**
 * What the caller may do after a refused refund or refundquery:
 * same_out_refund_no: send it again as it was (the refund stays `requested`);
 * after_operator: an operator must act first (top up the balance, check the request volume), then retry;
 * never: WeChat will refuse it again (the refund is `failed`).
 */
export type RefundRetry = 'same_out_refund_no' | 'after_operator' | 'never';

/** Every err_code of spec §7 (refund) and §8 (refundquery) with what it lets the caller do; unknown codes are `never`. */
export const REFUND_ERROR_CODES: Readonly<Record<string, RefundRetry>> = {
  SYSTEMERROR: 'same_out_refund_no',
  BIZERR_NEED_RETRY: 'same_out_refund_no',
  FREQUENCY_LIMITED: 'same_out_refund_no',
  NOTENOUGH: 'after_operator',
  INVALID_REQ_TOO_MUCH: 'after_operator',
  TRADE_OVERDUE: 'never',
  ERROR: 'never',
  USER_ACCOUNT_ABNORMAL: 'never',
  INVALID_TRANSACTIONID: 'never',
  INVALID_REQUEST: 'never',
  PARAM_ERROR: 'never',
  APPID_NOT_EXIST: 'never',
  MCHID_NOT_EXIST: 'never',
  ORDERNOTEXIST: 'never',
  REFUNDNOTEXIST: 'never',
  REQUIRE_POST_METHOD: 'never',
  SIGNERROR: 'never',
  XML_FORMAT_ERROR: 'never',
};

/** result_code FAIL on refund or refundquery; `retry` says whether the same out_refund_no may go again. */
export class WxRefundError extends WxBusinessError {
  readonly retry: RefundRetry;
  /** True when the sweep may resend it unchanged. */
  readonly retryable: boolean;

  constructor(errCode: string, errCodeDes: string) {
    super(errCode, errCodeDes);
    this.name = 'WxRefundError';
    this.retry = (Object.hasOwn(REFUND_ERROR_CODES, errCode) && REFUND_ERROR_CODES[errCode]) || 'never';
    this.retryable = this.retry === 'same_out_refund_no';
  }
}

export interface RefundClientConfig extends EnvelopeConfig {
  /** refundquery goes here (no certificate), e.g. https://api.mch.weixin.qq.com or the sandbox's base URL. */
  baseUrl: string;
  /** `/secapi/pay/refund` goes here over mutual TLS (WXPAY_SECAPI_BASE_URL). */
  secapiBaseUrl: string;
  certificate: MerchantCertificate;
  /** Per request, default 10000. */
  timeoutMs?: number;
  /** Replaces the global fetch for refundquery (tests, sandbox). */
  fetch?: typeof fetch;
  /** Replaces the node:https transport built from `certificate` (tests, sandbox). */
  secapiTransport?: SecapiTransport;
}

export interface RefundClient {
  /**
   * Timeouts and network failures reject as WxNetworkError (send the same out_refund_no again); refusals as
   * WxRefundError; certificate problems as WxCertificateRejectedError.
   */
  refund(input: RefundInput): Promise<RefundResult>;
  /** One page of refunds, from `offset`. */
  refundQuery(query: RefundQuery, offset?: number): Promise<RefundQueryResult>;
  /** Every page, for orders with more refunds than one page holds. */
  refundQueryAll(query: RefundQuery): Promise<RefundQueryResult>;
}

/** Validates the certificate at once, so a misconfigured shop learns it at start-up rather than on its first refund. */
export function createRefundClient(config: RefundClientConfig): RefundClient {
  validateMerchantCertificate(config.certificate);
  const baseUrl = config.baseUrl.replace(/\/$/, '');
  const secapiBaseUrl = config.secapiBaseUrl.replace(/\/$/, '');
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = config.secapiTransport ?? createSecapiTransport(config.certificate);
  const refundError = (code: string, des: string) => new WxRefundError(code, des);

  async function postSecapi(url: string, body: string): Promise<WxFields> {
    const signal = AbortSignal.timeout(timeoutMs);
    let reply;
    try {
      reply = await transport(url, body, signal);
    } catch (err) {
      throw secapiTransportError(err, url, signal, timeoutMs);
    }
    if (reply.status !== 200) throw secapiHttpError(reply, url);
    const fields = parseXml(reply.body);
    if (fields.return_code !== 'SUCCESS' && /certificate not match/i.test(fields.return_msg ?? '')) {
      throw new WxCertificateRejectedError('not_match', fields.return_msg ?? '');
    }
    return checkSignedReply(fields, config, refundError);
  }

  async function refundQuery(query: RefundQuery, offset?: number): Promise<RefundQueryResult> {
    if (offset !== undefined && (!Number.isSafeInteger(offset) || offset < 0)) {
      throw new TypeError(`offset must be a non-negative integer, got ${offset}`);
    }
    const xml = signedRequestXml<WxRefundQueryRequest>(config, { ...refundQueryKey(query), offset });
    const url = `${baseUrl}/pay/refundquery`;
    const bytes = await postBytes(config.fetch ?? fetch, url, xml, timeoutMs, MAX_XML_BYTES);
    return toRefundQueryResult(checkSignedReply(parseXml(bytes.toString('utf8')), config, refundError));
  }

  return {
    async refund(input) {
      checkRefundInput(input);
      const xml = signedRequestXml<WxRefundRequest>(config, {
        transaction_id: input.transactionId,
        out_trade_no: input.outTradeNo,
        out_refund_no: input.outRefundNo,
        total_fee: input.totalFee,
        refund_fee: input.refundFee,
        refund_desc: input.refundDesc,
        notify_url: input.notifyUrl,
      });
      const result = toRefundResult(await postSecapi(`${secapiBaseUrl}/secapi/pay/refund`, xml));
      if (result.outRefundNo !== input.outRefundNo || result.refundFee !== input.refundFee) {
        throw new WechatPayError(
          'MISMATCH',
          `refund ${input.outRefundNo} of ${input.refundFee} fen answered for ${result.outRefundNo} of ${result.refundFee} fen`,
        );
      }
      return result;
    },

    refundQuery,

    async refundQueryAll(query) {
      const first = await refundQuery(query);
      const refunds = [...first.refunds];
      for (let page = 1; page < MAX_REFUND_PAGES && refunds.length < (first.totalRefundCount ?? 0); page++) {
        const next = await refundQuery(query, refunds.length);
        if (next.refunds.length === 0) break;
        refunds.push(...next.refunds);
      }
      return { ...first, refunds };
    },
  };
}

function checkRefundInput(input: RefundInput): void {
  if (!input.outTradeNo && !input.transactionId) throw new TypeError('refund needs outTradeNo or transactionId');
  if (!/^[0-9A-Za-z_\-|*@]{1,64}$/.test(input.outRefundNo)) {
    throw new TypeError(`outRefundNo must be 1–64 of [0-9A-Za-z_-|*@], got ${JSON.stringify(input.outRefundNo)}`);
  }
  if (!Number.isSafeInteger(input.totalFee) || input.totalFee <= 0) {
    throw new TypeError(`totalFee must be a positive integer number of fen, got ${input.totalFee}`);
  }
  if (!Number.isSafeInteger(input.refundFee) || input.refundFee <= 0 || input.refundFee > input.totalFee) {
    throw new TypeError(`refundFee must be an integer number of fen in 1..totalFee, got ${input.refundFee}`);
  }
}

function refundQueryKey(query: RefundQuery): Pick<WxRefundQueryRequest, 'out_refund_no' | 'refund_id' | 'out_trade_no' | 'transaction_id'> {
  if ('outRefundNo' in query) return { out_refund_no: query.outRefundNo };
  if ('refundId' in query) return { refund_id: query.refundId };
  if ('transactionId' in query) return { transaction_id: query.transactionId };
  return { out_trade_no: query.outTradeNo };
}

// Called only on verified replies with result_code SUCCESS, so a malformed field is WeChat's (or the sandbox's) bug.
function badResponse(message: string): WechatPayError {
  return new WechatPayError('BAD_RESPONSE', message);
}

/** '' is how an empty element arrives; for optional fields it means absent, as in signing. */
function optional(fields: WxFields, name: string): string | undefined {
  return fields[name] === '' ? undefined : fields[name];
}

function requiredText(fields: WxFields, name: string, verb: string): string {
  const value = optional(fields, name);
  if (value === undefined) throw badResponse(`${verb} reply has no ${name}`);
  return value;
}

function requiredFen(fields: WxFields, name: string, verb: string): number {
  const fen = parseFen(fields[name]);
  if (fen === undefined) throw badResponse(`${verb} reply has ${name} ${JSON.stringify(fields[name])}`);
  return fen;
}

function optionalFen(fields: WxFields, name: string, verb: string): number | undefined {
  return optional(fields, name) === undefined ? undefined : requiredFen(fields, name, verb);
}

/** Wire → domain for §7's reply: refund_id, out_refund_no, out_trade_no, transaction_id, *_fee in fen. */
export function toRefundResult(fields: WxFields): RefundResult {
  const verb = 'refund';
  return {
    refundId: requiredText(fields, 'refund_id', verb),
    outRefundNo: requiredText(fields, 'out_refund_no', verb),
    outTradeNo: requiredText(fields, 'out_trade_no', verb),
    transactionId: requiredText(fields, 'transaction_id', verb),
    totalFee: requiredFen(fields, 'total_fee', verb),
    refundFee: requiredFen(fields, 'refund_fee', verb),
    settlementRefundFee: optionalFen(fields, 'settlement_refund_fee', verb),
    cashFee: optionalFen(fields, 'cash_fee', verb),
    cashRefundFee: optionalFen(fields, 'cash_refund_fee', verb),
    raw: fields,
  };
}

/** Wire → domain for §8's reply: the `_$n` fields of refund_count refunds become one RefundRecord each. */
export function toRefundQueryResult(fields: WxFields): RefundQueryResult {
  const verb = 'refundquery';
  const refundCount = requiredFen(fields, 'refund_count', verb);
  const refunds: RefundRecord[] = [];
  for (let n = 0; n < refundCount; n++) {
    const refundStatus = fields[`refund_status_${n}`];
    if (!isRefundStatus(refundStatus)) throw badResponse(`${verb} reply has refund_status_${n} ${refundStatus}`);
    const successText = optional(fields, `refund_success_time_${n}`);
    let successTime: Date | undefined;
    try {
      successTime = successText === undefined ? undefined : parseWxDateTime(successText);
    } catch {
      throw badResponse(`${verb} reply has refund_success_time_${n} ${successText}`);
    }
    refunds.push({
      outRefundNo: requiredText(fields, `out_refund_no_${n}`, verb),
      refundId: requiredText(fields, `refund_id_${n}`, verb),
      refundFee: requiredFen(fields, `refund_fee_${n}`, verb),
      settlementRefundFee: optionalFen(fields, `settlement_refund_fee_${n}`, verb),
      couponRefundFee: optionalFen(fields, `coupon_refund_fee_${n}`, verb),
      refundStatus,
      refundChannel: optional(fields, `refund_channel_${n}`),
      refundAccount: optional(fields, `refund_account_${n}`),
      refundRecvAccout: optional(fields, `refund_recv_accout_${n}`),
      successTime,
    });
  }
  return {
    outTradeNo: requiredText(fields, 'out_trade_no', verb),
    transactionId: requiredText(fields, 'transaction_id', verb),
    totalFee: requiredFen(fields, 'total_fee', verb),
    cashFee: optionalFen(fields, 'cash_fee', verb),
    totalRefundCount: optionalFen(fields, 'total_refund_count', verb),
    refunds,
    raw: fields,
  };
}

/** Domain → wire for §8's business fields: how the sandbox answers refundquery (the inverse of toRefundQueryResult). */
export function refundQueryFields(result: Omit<RefundQueryResult, 'raw'>): Record<string, string | number | undefined> {
  const fields: Record<string, string | number | undefined> = {
    total_refund_count: result.totalRefundCount,
    transaction_id: result.transactionId,
    out_trade_no: result.outTradeNo,
    total_fee: result.totalFee,
    cash_fee: result.cashFee,
    refund_count: result.refunds.length,
  };
  result.refunds.forEach((refund, n) => {
    fields[`out_refund_no_${n}`] = refund.outRefundNo;
    fields[`refund_id_${n}`] = refund.refundId;
    fields[`refund_channel_${n}`] = refund.refundChannel;
    fields[`refund_fee_${n}`] = refund.refundFee;
    fields[`settlement_refund_fee_${n}`] = refund.settlementRefundFee;
    fields[`coupon_refund_fee_${n}`] = refund.couponRefundFee;
    fields[`refund_status_${n}`] = refund.refundStatus;
    fields[`refund_account_${n}`] = refund.refundAccount;
    fields[`refund_recv_accout_${n}`] = refund.refundRecvAccout;
    fields[`refund_success_time_${n}`] = refund.successTime && formatWxDateTime(refund.successTime);
  });
  return fields;
}
