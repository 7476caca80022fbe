import type { MerchantCertificate } from './certificate';
import type { TradeState } from './trade-state';

export type SignType = 'MD5' | 'HMAC-SHA256';

/** A flat v2 message as it travels: one string per child of `<xml>`. */
export type WxFields = Record<string, string>;

export type { TradeState };

/** A message about to be built: integer fields may stay numbers so buildXml writes them bare, as WeChat does. */
export type WxOutgoing<T> = { [K in keyof T]: T[K] | number };

// Wire types: field names and string values exactly as in the XML (spec §3–§6, §11.2).

interface WxRequestEnvelope {
  appid: string;
  mch_id: string;
  nonce_str: string;
  sign_type?: string;
  sign?: string;
}

export interface WxUnifiedOrderRequest extends WxRequestEnvelope {
  body: string;
  attach?: string;
  out_trade_no: string;
  total_fee: string;
  spbill_create_ip: string;
  time_expire?: string;
  notify_url: string;
  trade_type: string;
  product_id?: string;
  openid?: string;
}

export interface WxOrderQueryRequest extends WxRequestEnvelope {
  out_trade_no: string;
}

export interface WxCloseOrderRequest extends WxRequestEnvelope {
  out_trade_no: string;
}

export interface WxPayNotify {
  return_code: string;
  return_msg?: string;
  appid: string;
  mch_id: string;
  device_info?: string;
  nonce_str: string;
  sign: string;
  sign_type?: string;
  result_code: string;
  err_code?: string;
  err_code_des?: string;
  openid: string;
  is_subscribe?: string;
  trade_type: string;
  bank_type: string;
  total_fee: string;
  settlement_total_fee?: string;
  fee_type?: string;
  cash_fee: string;
  cash_fee_type?: string;
  coupon_fee?: string;
  coupon_count?: string;
  transaction_id: string;
  out_trade_no: string;
  attach?: string;
  time_end: string;
}

// Domain types: what the rest of the app works with.

export interface WechatPayConfig {
  appid: string;
  mchId: string;
  key: string;
  signType: SignType;
  /** e.g. https://api.mch.weixin.qq.com, or the sandbox's base URL. */
  baseUrl: string;
  /** Per request, default 5000. */
  timeoutMs?: number;
  /** Replaces the global fetch (tests, sandbox). */
  fetch?: typeof fetch;
  /** Where `/secapi/**` calls (refunds) go over mutual TLS; default baseUrl. */
  secapiBaseUrl?: string;
  /** The merchant's API certificate for those calls; without it the shop cannot refund. */
  certificate?: MerchantCertificate;
}

export interface UnifiedOrderInput {
  outTradeNo: string;
  /** Fen, a positive integer. */
  totalFee: number;
  /** Cut to 127 UTF-8 bytes before sending. */
  body: string;
  productId: string;
  notifyUrl: string;
  clientIp: string;
  expiresAt: Date;
  attach?: string;
  /** The payer, when known before the payment: the scanning user of a Native mode 1 callback. */
  openid?: string;
}

export interface UnifiedOrderResult {
  /** v2 returns it; v3's Native reply has only code_url. */
  prepayId?: string;
  codeUrl: string;
}

export interface OrderQueryResult {
  outTradeNo: string;
  tradeState: TradeState;
  tradeStateDesc?: string;
  transactionId?: string;
  totalFee?: number;
  paidAt?: Date;
  raw: WxFields;
}

export interface PaymentNotification {
  appid: string;
  mchId: string;
  outTradeNo: string;
  /** '' when resultCode is FAIL and WeChat sent none. */
  transactionId: string;
  totalFee: number;
  resultCode: 'SUCCESS' | 'FAIL';
  openid?: string;
  paidAt?: Date;
  raw: WxFields;
}

/** The fields every v2 reply carries around its payload. */
export interface WxResponseEnvelope {
  return_code: string;
  return_msg?: string;
  appid?: string;
  mch_id?: string;
  nonce_str?: string;
  sign?: string;
  result_code?: string;
  err_code?: string;
  err_code_des?: string;
}
