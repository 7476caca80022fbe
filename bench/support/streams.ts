// A pay page's event stream as the bench holds it by the thousand: one node:http request on its
// own socket, reading only what it needs (the first event, then whether `paid` came).
import http from 'node:http';

export interface HeldStream {
  opened: Promise<void>;
  paid: Promise<number>;
  open(): boolean;
  close(): void;
}

/** One EventSource's worth of client: resolves `opened` at the first event, `paid` when `paid` arrives. */
export function holdStream(baseUrl: string, path: string, cookie: string): HeldStream {
  const url = new URL(baseUrl);
  let live = false;
  let onOpen!: () => void;
  let onFail!: (err: Error) => void;
  let onPaid!: (at: number) => void;
  const opened = new Promise<void>((resolve, reject) => ((onOpen = resolve), (onFail = reject)));
  const paid = new Promise<number>((resolve) => (onPaid = resolve));
  const req = http.get({ host: url.hostname, port: url.port, path, agent: false, headers: { cookie, accept: 'text/event-stream' } }, (res) => {
    if (res.statusCode !== 200) return onFail(new Error(`${path}: ${res.statusCode}`));
    res.setEncoding('utf8');
    let tail = '';
    res.on('data', (chunk: string) => {
      const text = tail + chunk;
      if (!live && text.includes('event: status')) {
        live = true;
        onOpen();
      }
      if (text.includes('"status":"paid"')) onPaid(performance.now());
      tail = text.slice(-32);
    });
    res.on('close', () => {
      live = false;
      onFail(new Error(`${path}: closed before its first event`));
    });
  });
  req.on('error', (err) => {
    live = false;
    onFail(err);
  });
  return { opened, paid, open: () => live, close: () => req.destroy() };
}
