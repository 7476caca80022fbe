// GET /api/orders/{orderNo}/events – the pay page's live status (Server-Sent Events): the same owner
// check and the same 401/404 as the status route, answered before the stream starts. On a Node
// server (`npm start`, the Docker image) node:http answers this path before Next does
// (app/_server/order-events-server.ts); this handler serves it where that hook is off
// (EVENT_STREAMS=route) or cannot run. A host that caps a function's duration cuts the stream; the
// browser reconnects after `retry` and gets the current state at once, so a cut costs one
// reconnect, never a missed payment.
import { webEventStream } from '@/app/_server/event-stream';
import { respond } from '@/app/_server/http';
import { ORDER_EVENTS_RETRY_MS, streamOrderEvents } from '@/app/_server/order-events';
import { requireUserFrom } from '@/app/_server/session';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function GET(request: Request, { params }: { params: Promise<{ orderNo: string }> }) {
  return respond(async () => {
    const user = requireUserFrom(request);
    const { orderNo } = await params;
    let response!: Response;
    await streamOrderEvents(user, orderNo, () => {
      const web = webEventStream(request.signal, ORDER_EVENTS_RETRY_MS);
      response = web.response;
      return web.stream;
    });
    return response;
  });
}
