// GET /api/orders/{orderNo}/events – the pay page's live status (Server-Sent Events): the status
// route's JSON as a `status` event at once and after every change, until the order is final. The
// same owner check and the same 401/404 as the status route, answered before the stream starts.
// A host that caps a function's duration cuts the stream; the browser reconnects after `retry`
// and gets the current state at once, so a cut costs one reconnect, never a missed payment.
import { watchOrderStatus } from '@/lib/orders/watch-order-status';
import { eventStream } from '@/app/_server/event-stream';
import { respond } from '@/app/_server/http';
import { requireUserFrom } from '@/app/_server/session';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** A browser reconnects after the pay page's poll interval. */
const RETRY_MS = 3000;

export function GET(request: Request, { params }: { params: Promise<{ orderNo: string }> }) {
  return respond(async () => {
    const user = requireUserFrom(request);
    const { orderNo } = await params;
    const stream = eventStream(request.signal, RETRY_MS);
    try {
      const stop = await watchOrderStatus(orderNo, user.id, user.sessionVersion, {
        onStatus: (status) => stream.send('status', status, status.status),
        onEnd: () => stream.close(),
      });
      stream.onEnd(stop);
    } catch (err) {
      stream.close();
      throw err;
    }
    return stream.response();
  });
}
