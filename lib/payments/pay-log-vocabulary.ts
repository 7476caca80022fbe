// The words a pay log uses (spec "Data": pay_logs.verdict and pay_logs.source; trade_state is
// WeChat's, in lib/wechatpay). A leaf module, like lib/orders/order-status.ts (which says why).

export const VERDICTS = ['applied', 'duplicate', 'unverified', 'rejected', 'accepted', 'refused', 'anomaly', 'closed'] as const;

export type Verdict = (typeof VERDICTS)[number];

export const PAY_SOURCES = ['notify', 'query', 'close', 'refund', 'refund_notify', 'refund_query', 'bill', 'native_callback'] as const;

export type PaySource = (typeof PAY_SOURCES)[number];
