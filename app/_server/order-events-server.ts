// GET /api/orders/{orderNo}/events answered by node:http itself, before Next sees the request.
//
// Why: a pay page holds its stream for minutes, and Next keeps a route handler's whole request
// pipeline alive while its response body is open: ≈ 60 kB of heap and ≈ 100 kB of RSS per stream
// (heap snapshot: ~93 promises, ~115 closure contexts, an IncrementalCache each), so one instance
// ran out of its 192 MB heap below 2,000 open pay pages. Answered here, a stream costs a socket,
// a ServerResponse and a few closures (bench/README.md → Live status push). The bytes, the owner
// check, the 401/404 and the fan-out are the route handler's (app/_server/order-events.ts,
// event-stream.ts, http.ts's errorResponse); only the transport differs.
//
// How: node:http publishes `http.server.request.start` before it emits 'request'. The first time a
// server is seen with an events request, its 'request' listeners (Next's) are put behind one that
// takes the events path and hands everything else to them, unchanged. Servers that never see that
// path (the sandbox's TLS listener) are left alone. Other methods go on to Next (405 there).
import 'server-only';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { servedOverHttps } from '@/lib/auth/session';
import { eventStream, EVENT_STREAM_HEADERS } from './event-stream';
import { errorResponse } from './http';
import { localeOf } from './locale';
import { ORDER_EVENTS_RETRY_MS, streamOrderEvents } from './order-events';
import { securityHeaders } from './security-headers';
import { requireUserFromCookie } from './session';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

const EVENTS_PATH = /^\/api\/orders\/([^/?#]+)\/events(?:\?|$)/;

/** Called once per server process, at start (instrumentation.ts), unless EVENT_STREAMS=route. */
export function serveOrderEventsBeforeNext(): void {
  const global = globalThis as { __orderEventsBeforeNext?: true };
  if (global.__orderEventsBeforeNext) return;
  global.__orderEventsBeforeNext = true;
  const taken = new WeakSet<Server>();
  subscribe('http.server.request.start', (message) => {
    const { request, server } = message as { request: IncomingMessage; server: Server };
    if (taken.has(server) || orderNoOf(request) === undefined) return;
    taken.add(server);
    const others = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const orderNo = orderNoOf(req);
      if (orderNo !== undefined) void serveOrderEvents(req, res, orderNo);
      else for (const listener of others) listener.call(server, req, res);
    });
  });
}

function orderNoOf(request: IncomingMessage): string | undefined {
  if (request.method !== 'GET') return undefined;
  const match = EVENTS_PATH.exec(request.url ?? '');
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined; // a malformed escape: Next answers it
  }
}

async function serveOrderEvents(req: IncomingMessage, res: ServerResponse, orderNo: string): Promise<void> {
  // What proxy.ts adds to every /api response, which this path does not pass through.
  const headers = securityHeaders({ https: servedOverHttps(), dev: false });
  try {
    await streamOrderEvents(requireUserFromCookie(req.headers.cookie), orderNo, () => {
      res.writeHead(200, { ...EVENT_STREAM_HEADERS, ...headers });
      const stream = eventStream({ write: (chunk) => void res.write(chunk), end: () => res.end() }, ORDER_EVENTS_RETRY_MS);
      if (res.destroyed) stream.abort();
      else res.once('close', stream.abort);
      return stream;
    });
  } catch (err) {
    const locale = localeOf(new Headers({ cookie: req.headers.cookie ?? '', 'accept-language': req.headers['accept-language'] ?? '' }));
    const reply = errorResponse(err, locale);
    if (res.headersSent) return void res.destroy();
    res.writeHead(reply.status, { ...Object.fromEntries(reply.headers), ...headers });
    res.end(await reply.text());
  }
}
