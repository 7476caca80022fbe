// A refund's state in the shop (spec "Refunds": refunds.status). A leaf module like
// lib/orders/order-status.ts: the schema's CHECK and every label map read this list.
//
// requested → processing → success | closed | abnormal; failed when WeChat refused the request.
import type { RefundStatus as WxRefundStatus } from '@/lib/wechatpay/trade-state';

export const REFUND_STATUSES = ['requested', 'processing', 'success', 'closed', 'abnormal', 'failed'] as const;

export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** The states whose money is spoken for: they count against what is left to refund of a transaction. */
export const COUNTED_REFUND_STATUSES = ['requested', 'processing', 'success'] as const satisfies readonly RefundStatus[];

/** A refund message's pay-log trade_state: WeChat's refund_status, or FAIL for a refused request. */
export type RefundTradeState = WxRefundStatus | 'FAIL';
