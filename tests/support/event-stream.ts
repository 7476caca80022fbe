// A Server-Sent Events client for tests and the bench: fetch, then the stream parsed frame by frame
// (event, id, data, retry; comment lines kept apart), with a timeout on every wait.
export interface SseEvent {
  event: string;
  id?: string;
  data: string;
}

export interface EventStreamClient {
  status: number;
  headers: Headers;
  /** The `retry:` the server sent, once seen. */
  retry?: number;
  comments: string[];
  /** The next event not yet taken; rejects after timeoutMs or when the stream ends first. */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** Resolves when the server has ended the stream. */
  ended(timeoutMs?: number): Promise<void>;
  close(): void;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: SseEvent[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  let finished!: () => void;
  const end = new Promise<void>((resolve) => (finished = resolve));
  const client: EventStreamClient = {
    status: res.status,
    headers: res.headers,
    comments: [],
    async next(timeoutMs = 5000) {
      const take = async () => {
        while (events.length === 0) {
          if (done) throw new Error('the stream ended');
          await new Promise<void>((resolve) => (wake = resolve));
        }
        return events.shift()!;
      };
      return within(take(), timeoutMs, `event from ${url}`);
    },
    ended: (timeoutMs = 5000) => within(end, timeoutMs, `end of ${url}`),
    close: () => abort.abort(),
  };

  const frame = (text: string) => {
    const event: SseEvent = { event: 'message', data: '' };
    const data: string[] = [];
    for (const line of text.split('\n')) {
      if (line.startsWith(':')) client.comments.push(line.slice(1).trim());
      const [, field, value] = /^(\w+): ?(.*)$/.exec(line) ?? [];
      if (field === 'event') event.event = value;
      else if (field === 'id') event.id = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry') client.retry = Number(value);
    }
    if (data.length) events.push({ ...event, data: data.join('\n') });
  };
  void (async () => {
    let buffer = '';
    const decoder = new TextDecoder();
    try {
      const reader = res.body!.getReader();
      for (;;) {
        const { done: over, value } = await reader.read();
        if (over) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          frame(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
        }
        wake?.();
      }
    } catch {
      // aborted by close()
    } finally {
      done = true;
      wake?.();
      finished();
    }
  })();
  return client;
}
