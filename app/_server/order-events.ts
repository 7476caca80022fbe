// The pay page's live status as Server-Sent Events, whichever server answers the request (the route
// handler, or node:http before Next: order-events-server.ts): the status route's JSON as a `status`
// event at once and after every change, until the order is final.
import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { watchOrderStatus } from '@/lib/orders/watch-order-status';
import type { EventStream } from './event-stream';

/** A browser reconnects after the pay page's poll interval. */
export const ORDER_EVENTS_RETRY_MS = 3000;

/**
 * `open` is called with the first state, i.e. once the owner check has passed, so another
 * shopper's order still gets the status route's plain 404: the promise rejects before anything
 * was opened, and resolves once the stream is open (it may already have ended).
 */
export async function streamOrderEvents(user: SessionUser, orderNo: string, open: () => EventStream): Promise<void> {
  let stream: EventStream | undefined;
  const stop = await watchOrderStatus(orderNo, user.id, user.sessionVersion, {
    onStatus: (status) => (stream ??= open()).send('status', status, status.status),
    onEnd: () => stream?.close(),
  });
  // watchOrderStatus resolves only after its first onStatus, so the stream exists.
  stream!.onEnd(stop);
}
