// What happened to a paid order's parcel (spec "Data": orders.fulfilment), set by operators. A leaf
// module, like ./order-status.ts (which says why).

export const FULFILMENTS = ['unfulfilled', 'shipped', 'delivered'] as const;

export type Fulfilment = (typeof FULFILMENTS)[number];

export type FulfilmentStep = Exclude<Fulfilment, 'unfulfilled'>;

/**
 * The step an operator may take next, or null. A Native mode 1 order (a guest's, bought from a
 * product QR) is collected in store: it skips shipped, and its delivered reads "handed over".
 */
export function nextFulfilment(current: Fulfilment, collectedInStore: boolean): FulfilmentStep | null {
  if (current === 'unfulfilled') return collectedInStore ? 'delivered' : 'shipped';
  if (current === 'shipped' && !collectedInStore) return 'delivered';
  return null;
}

/** The word the console shows for a fulfilment state (a catalogue key of admin.badge). */
export function fulfilmentWord(fulfilment: Fulfilment, collectedInStore: boolean): Fulfilment | 'handed_over' {
  return collectedInStore && fulfilment === 'delivered' ? 'handed_over' : fulfilment;
}
