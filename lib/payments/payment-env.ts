// Which WeChat Pay an instance talks to (spec "Configuration": WXPAY_MODE) and, recorded on each
// order, which one the order was paid in (spec "Data": orders.payment_env), so sandbox money is
// never mistaken for real money. A leaf module, like lib/orders/order-status.ts (which says why).

export const PAYMENT_ENVS = ['sandbox', 'live'] as const;

export type PaymentEnv = (typeof PAYMENT_ENVS)[number];
