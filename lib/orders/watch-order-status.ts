// An order's state now and after every change, for the pay page's event stream: the status
// route's answer (same owner check, same read) at once, then again each time the listener says
// the order may have changed, until it is no longer pending. Reads of one watch never overlap:
// changes that arrive during a read are folded into one more read.
import { log } from '@/lib/log';
import { getOrderStatus, type OrderStatus } from './get-order-status';
import { watchOrder } from './status-events/listener';

export interface OrderStatusWatch {
  /** A state different from the last one sent (the first one always). */
  onStatus(status: OrderStatus): void;
  /** The watch ended by itself: the order became final, or a re-read failed. */
  onEnd(): void;
}

/**
 * Resolves once the first state has been passed to onStatus; rejects (not_found for another
 * shopper's order) before anything was sent. The returned function stops the watch.
 */
export async function watchOrderStatus(orderNo: string, userId: number, sessionVersion: number, watch: OrderStatusWatch): Promise<() => void> {
  let stopped = false;
  let sent: OrderStatus['status'] | undefined;
  let dirty = false;
  let reading: Promise<void> | null = null;
  // Assigned once watching has started; stop() is defined first because the reads below use it.
  // eslint-disable-next-line prefer-const
  let unwatch: (() => void) | undefined;

  const stop = () => {
    stopped = true;
    unwatch?.();
  };
  const read = () => {
    dirty = true;
    reading ??= (async () => {
      try {
        while (dirty && !stopped) {
          dirty = false;
          const { totalFee, paidAt, expiresAt, status } = await getOrderStatus(orderNo, userId, sessionVersion);
          if (stopped || status === sent) continue;
          sent = status;
          watch.onStatus({ orderNo, status, totalFee, paidAt, expiresAt });
          if (status !== 'pending') {
            stop();
            watch.onEnd();
          }
        }
      } finally {
        reading = null;
      }
    })();
    return reading;
  };

  // Watching first, reading second: a change committed between the two is then never missed.
  unwatch = await watchOrder(orderNo, () => {
    if (sent === undefined) return read().catch(() => {});
    return read().catch((err) => {
      log.error({ err, orderNo }, 'event stream re-read failed');
      stop();
      watch.onEnd();
    });
  });
  try {
    await read();
  } catch (err) {
    stop();
    throw err;
  }
  return stop;
}
