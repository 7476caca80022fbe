import { gunzipSync } from 'node:zlib';
import { postBytes, signedRequestXml, type WxRequestEnvelope } from './envelope';
import { WechatPayError, WxProtocolError } from './errors';
import { parseWxTime } from './time';
import type { WechatPayConfig } from './types';
import { parseXml } from './xml';

const DEFAULT_TIMEOUT_MS = 30_000;
/** A day's bill of a busy shop is megabytes; this bounds what one reply may cost in memory. */
export const MAX_BILL_BYTES = 64 * 1024 * 1024;
const NO_BILL_ERROR_CODE = '20002';
const GZIP_MAGIC = [0x1f, 0x8b];

// Wire types (spec §10). The success reply is not XML and not signed; a failure is unsigned XML with `error_code`.

export interface WxDownloadBillRequest extends WxRequestEnvelope {
  bill_date: string;
  bill_type: string;
  tar_type?: string;
}

export interface WxDownloadBillFailure {
  return_code: string;
  return_msg?: string;
  /** Not err_code: 20001 sign error, 20002 No Bill Exist. */
  error_code?: string;
}

// Domain types.

export type BillType = 'ALL' | 'SUCCESS' | 'REFUND';

export interface DownloadBillInput {
  /** `yyyyMMdd`, a Beijing day. */
  billDate: string;
  billType?: BillType;
  /** Ask for `tar_type=GZIP`: the bill then travels gzip-compressed. */
  gzip?: boolean;
}

/** A bill, or WeChat's `No Bill Exist` for a day without trades (a result, not an error). */
export type DownloadBillResult = { kind: 'bill'; text: string } | { kind: 'no_bill' };

/** return_code FAIL from downloadbill; `errorCode` is WeChat's `error_code` (e.g. 20001 for a bad sign). */
export class WxDownloadBillError extends WxProtocolError {
  readonly errorCode: string;

  constructor(returnMsg: string, errorCode: string) {
    super(returnMsg);
    this.name = 'WxDownloadBillError';
    this.errorCode = errorCode;
  }
}

export interface BillClient {
  downloadBill(input: DownloadBillInput): Promise<DownloadBillResult>;
}

export function createBillClient(config: WechatPayConfig): BillClient {
  const baseUrl = config.baseUrl.replace(/\/$/, '');
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return {
    async downloadBill(input) {
      if (!isBillDate(input.billDate)) throw new TypeError(`billDate must be a real yyyyMMdd date, got ${input.billDate}`);
      const xml = signedRequestXml<WxDownloadBillRequest>(config, {
        bill_date: input.billDate,
        bill_type: input.billType ?? 'ALL',
        tar_type: input.gzip ? 'GZIP' : undefined,
      });
      const url = `${baseUrl}/pay/downloadbill`;
      return toDownloadBillResult(await postBytes(config.fetch ?? fetch, url, xml, timeoutMs, MAX_BILL_BYTES));
    },
  };
}

/** A real calendar day written yyyyMMdd, as bill_date. */
export function isBillDate(s: string): boolean {
  if (!/^\d{8}$/.test(s)) return false;
  try {
    parseWxTime(`${s}000000`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Told apart by content, not by what was asked: with tar_type=GZIP a success is gzip, but an error is still plain XML
 * (and a fetch that honoured a Content-Encoding header may already have inflated it).
 */
export function toDownloadBillResult(body: Buffer): DownloadBillResult {
  let bytes = body;
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_BILL_BYTES });
    } catch (err) {
      throw new WechatPayError('BAD_RESPONSE', 'downloadbill answered gzip that does not inflate', { cause: err });
    }
  }
  const text = bytes.toString('utf8');
  if (!/^\uFEFF?\s*</.test(text)) return { kind: 'bill', text };

  const fields = parseXml(text.replace(/^\uFEFF/, ''));
  if (fields.return_code === 'SUCCESS') throw new WechatPayError('BAD_RESPONSE', 'downloadbill answered XML without a bill');
  const returnMsg = fields.return_msg ?? '';
  const errorCode = fields.error_code ?? '';
  // The doc spells it `NO Bill Exist`, the server sends `No Bill Exist` (spec §10).
  if (errorCode === NO_BILL_ERROR_CODE || /^no bill exist$/i.test(returnMsg.trim())) return { kind: 'no_bill' };
  throw new WxDownloadBillError(returnMsg, errorCode);
}
