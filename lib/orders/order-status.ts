// The shop's words for an order's payment state (spec "Data": orders.status). Declared once here;
// db/schema.ts builds its CHECK from the list and every label map is keyed by the type, so a new
// state is a compiler error wherever it is missing.
//
// Vocabulary modules (this one, fulfilment.ts, lib/payments/pay-log-vocabulary.ts, lib/auth/roles.ts)
// import nothing: the schema, the domain and client components all read them, and a client
// component must not pull the database into the browser. One file per concept, kept next to the
// domain that owns the word.

export const ORDER_STATUSES = ['pending', 'paid', 'closed', 'partially_refunded', 'refunded'] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Every state but pending is final for payment: no notify or query will change it again. */
export function isFinalOrderStatus(status: OrderStatus): boolean {
  return status !== 'pending';
}
