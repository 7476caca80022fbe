// Server-Sent Events framing over any byte sink (a route handler's ReadableStream, or node:http's
// ServerResponse in order-events-server.ts): `retry:` first, `event`/`id`/`data` frames, and one
// keep-alive comment every 15 s for all open streams together, so idle connections survive
// proxies' read timeouts without a timer per stream.
const KEEP_ALIVE_MS = 15_000;
const KEEP_ALIVE = ': keep-alive\n\n';

/** `no-transform` also keeps Next's own gzip off a route handler's stream. */
export const EVENT_STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

export interface EventSink {
  write(chunk: string): void;
  end(): void;
}

export interface EventStream {
  /** One event; `id` becomes the browser's Last-Event-ID. */
  send(event: string, data: unknown, id: string): void;
  /** Ends the stream from the server's side. */
  close(): void;
  /** The client went away: the stream ends without writing. */
  abort(): void;
  /** Called once when the stream ends, whoever ended it. */
  onEnd(cleanup: () => void): void;
}

const open = new Set<EventSink>();
let keepAlive: ReturnType<typeof setInterval> | undefined;

/** `retryMs`: how long a browser waits before reconnecting after the stream ends or breaks. */
export function eventStream(sink: EventSink, retryMs: number): EventStream {
  let ended = false;
  const cleanups: (() => void)[] = [];
  const end = () => {
    if (ended) return false;
    ended = true;
    open.delete(sink);
    if (open.size === 0) keepAlive = void clearInterval(keepAlive);
    for (const cleanup of cleanups) cleanup();
    return true;
  };
  sink.write(`retry: ${retryMs}\n\n`);
  open.add(sink);
  keepAlive ??= setInterval(() => open.forEach((s) => s.write(KEEP_ALIVE)), KEEP_ALIVE_MS).unref();

  return {
    send(event, data, id) {
      if (!ended) sink.write(`event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close() {
      if (end()) sink.end();
    },
    abort() {
      end();
    },
    onEnd(cleanup) {
      if (ended) cleanup();
      else cleanups.push(cleanup);
    },
  };
}

const encoder = new TextEncoder();

/** A stream as a route handler's Response; it ends when the request's signal aborts. */
export function webEventStream(signal: AbortSignal, retryMs: number): { stream: EventStream; response: Response } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: () => stream.abort(),
  });
  const stream = eventStream({ write: (chunk) => controller.enqueue(encoder.encode(chunk)), end: () => controller.close() }, retryMs);
  if (signal.aborted) stream.abort();
  signal.addEventListener('abort', stream.abort, { once: true });
  stream.onEnd(() => signal.removeEventListener('abort', stream.abort));
  return { stream, response: new Response(body, { headers: EVENT_STREAM_HEADERS }) };
}
