// What happened to a paid order's parcel (spec "Data": orders.fulfilment), set by operators. A leaf
// module, like ./order-status.ts (which says why).

export const FULFILMENTS = ['unfulfilled', 'shipped', 'delivered'] as const;

export type Fulfilment = (typeof FULFILMENTS)[number];
