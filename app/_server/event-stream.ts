// Server-Sent Events from a route handler: a text/event-stream Response that no proxy buffers and
// nothing compresses (`no-transform` also keeps Next's own gzip off it), and one keep-alive comment
// every 15 s for all open streams together, so idle connections survive proxies' read timeouts.
const KEEP_ALIVE_MS = 15_000;
const encoder = new TextEncoder();
const KEEP_ALIVE = encoder.encode(': keep-alive\n\n');

const open = new Set<ReadableStreamDefaultController<Uint8Array>>();
let keepAlive: ReturnType<typeof setInterval> | undefined;

export const EVENT_STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

export interface EventStream {
  /** One event; `id` becomes the browser's Last-Event-ID. */
  send(event: string, data: unknown, id: string): void;
  /** Ends the stream from the server's side. */
  close(): void;
  /** Called once when the stream ends, whoever ended it (server, client, abort). */
  onEnd(cleanup: () => void): void;
  response(): Response;
}

/** `retryMs`: how long a browser waits before reconnecting after the stream ends or breaks. */
export function eventStream(signal: AbortSignal, retryMs: number): EventStream {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let ended = false;
  const cleanups: (() => void)[] = [];
  const end = () => {
    if (ended) return;
    ended = true;
    open.delete(controller);
    if (open.size === 0) keepAlive = void clearInterval(keepAlive);
    signal.removeEventListener('abort', end);
    for (const cleanup of cleanups) cleanup();
  };
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(encoder.encode(`retry: ${retryMs}\n\n`));
    },
    cancel: end,
  });
  open.add(controller);
  keepAlive ??= setInterval(() => open.forEach((c) => c.enqueue(KEEP_ALIVE)), KEEP_ALIVE_MS).unref();
  signal.addEventListener('abort', end);

  return {
    send(event, data, id) {
      if (!ended) controller.enqueue(encoder.encode(`event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`));
    },
    close() {
      if (ended) return;
      end();
      controller.close();
    },
    onEnd(cleanup) {
      if (ended) cleanup();
      else cleanups.push(cleanup);
    },
    response: () => new Response(body, { headers: EVENT_STREAM_HEADERS }),
  };
}
