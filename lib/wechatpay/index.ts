export { feeTypeOf } from './amount';
export { truncateBody } from './body';
export { createWechatPayClient } from './client';
export type { WechatPayClient } from './client';
export { WechatPayError, WxBusinessError, WxNetworkError, WxProtocolError, WxSignatureError, WxXmlError } from './errors';
export { field, hasFourByteChar, stripFourByteChars } from './fields';
export { isAuthenticated, isSuccessReply, notifyReply, parseNotify } from './notify';
export type { NotifyExpectation, NotifyRejection, NotifyResult } from './notify';
export { isSignType, nonce, sign, signMessage, verify } from './sign';
export { formatWxTime, parseWxTime } from './time';
export { isRefundStatus, isTradeState, REFUND_STATUSES as WX_REFUND_STATUSES, TRADE_STATES } from './trade-state';
export type { RefundStatus } from './trade-state';
export type * from './types';
export { buildXml, MAX_XML_BYTES, parseXml } from './xml';
// Refunds (spec §7–§9): merchant certificate, secapi transport, refund/refundquery, refund notify.
export { createMerchantAgent, validateMerchantCertificate, WxCertificateError } from './certificate';
export type { CertificateProblem, MerchantCertificate } from './certificate';
export { formatWxDateTime, parseWxDateTime } from './datetime';
export { createRefundClient, REFUND_ERROR_CODES, refundQueryFields, toRefundQueryResult, toRefundResult, WxRefundError } from './refund';
export type {
  RefundClient,
  RefundClientConfig,
  RefundInput,
  RefundQuery,
  RefundQueryResult,
  RefundRecord,
  RefundResult,
  RefundRetry,
  RefundTarget,
  WxRefundQueryRequest,
  WxRefundQueryResponse,
  WxRefundRequest,
  WxRefundResponse,
} from './refund';
export { buildRefundNotify, decryptRefundInfo, encryptRefundInfo, parseRefundNotify } from './refund-notify';
export type {
  RefundNotification,
  RefundNotifyExpectation,
  RefundNotifyRejection,
  RefundNotifyResult,
  RefundNotifyStatus,
  WxRefundNotify,
  WxRefundNotifyInfo,
} from './refund-notify';
export { createSecapiTransport, WxCertificateRejectedError } from './secapi';
export type { CertificateRejection, SecapiReply, SecapiTransport } from './secapi';
// Reconciliation (spec §10): downloadbill and the bill text.
export {
  BILL_COLUMNS_24,
  BILL_COLUMNS_27,
  BILL_SUMMARY_COLUMNS_24,
  BILL_SUMMARY_COLUMNS_27,
  billFeeFen,
  formatBill,
  parseBill,
  summarizeBill,
  WxBillFormatError,
} from './bill';
export type { Bill, BillRow, BillSummary } from './bill';
export { createBillClient, isBillDate, MAX_BILL_BYTES, toDownloadBillResult, WxDownloadBillError } from './download-bill';
export type { BillClient, BillType, DownloadBillInput, DownloadBillResult, WxDownloadBillFailure, WxDownloadBillRequest } from './download-bill';
export { formatYuan, parseYuan, roundDiv } from './yuan';
// Native mode 1 (spec §12): product QR, scan callback and its reply, always MD5.
export {
  buildBizPayUrl,
  buildNativeCallback,
  nativeCallbackRefusal,
  nativeCallbackReply,
  parseBizPayUrl,
  parseNativeCallback,
  parseNativeCallbackReply,
} from './native-mode1';
export type {
  BizPayUrl,
  BizPayUrlInput,
  BizPayUrlResult,
  MerchantIdentity,
  NativeCallback,
  NativeCallbackAnswer,
  NativeCallbackReplyResult,
  NativeCallbackResult,
  NativeRejection,
  WxBizPayUrlFields,
  WxNativeCallback,
  WxNativeCallbackReply,
} from './native-mode1';
