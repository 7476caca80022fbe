// The words reconciliation uses (spec "Reconciliation": bill_days.status and bill_discrepancies.kind).
// A leaf module like lib/orders/order-status.ts: the schema's CHECKs and every label map read these lists.

export const BILL_DAY_STATUSES = ['matched', 'discrepancies', 'no_bill', 'failed'] as const;

export type BillDayStatus = (typeof BILL_DAY_STATUSES)[number];

/**
 * missing_here: the bill has a successful payment or refund the shop has no success for;
 * missing_at_wechat: the shop has a successful payment or refund of that day the bill lacks;
 * amount_mismatch: both have it, amounts differ; status_mismatch: both know it, states differ.
 */
export const DISCREPANCY_KINDS = ['missing_here', 'missing_at_wechat', 'amount_mismatch', 'status_mismatch'] as const;

export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];
