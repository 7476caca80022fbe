// autocannon (programmatic API) and the numbers the runner prints.
import autocannon from 'autocannon';
import { cpuSeconds } from './servers';

export interface LoadResult {
  /** Completed responses per second over the run. */
  rps: number;
  p99: number;
  requests: number;
  /** Connection errors + timeouts + responses other than the expected status or body. */
  errors: number;
  /** The same, by kind. */
  errorKinds: { connection: number; timeouts: number; status: number; body: number };
  statusCodes: Record<string, number>;
  durationS: number;
  /** CPU time the server process spent per completed request (when `pid` was given). */
  cpuMsPerReq?: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds; or `amount` for a fixed number of requests. */
  duration?: number;
  amount?: number;
  method?: 'GET' | 'POST';
  /** Called before every request: returns the path, headers and body of that request. */
  next: () => { path: string; headers?: Record<string, string>; body?: string };
  /** Status codes that count as success (default: 2xx). */
  expect?: (status: number) => boolean;
  timeoutS?: number;
  /** Checks each response body; a false counts as an error (e.g. a notify answered FAIL). */
  verifyBody?: (body: string) => boolean;
  /** The server's pid: its CPU time per request is reported (less sensitive to noisy neighbours than req/s). */
  pid?: number;
}

export async function load(opts: LoadOptions): Promise<LoadResult> {
  const cpu0 = opts.pid ? cpuSeconds(opts.pid) : 0;
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration }),
    timeout: opts.timeoutS ?? 10,
    // autocannon notices the end of a run (an `amount` reached, a duration elapsed) only on this tick,
    // and reports the duration up to it: at the default 1000 ms a 1.2 s burst reads as 2.0 s.
    sampleInt: 20,
    method: opts.method ?? 'GET',
    verifyBody: opts.verifyBody as ((body: unknown) => boolean) | undefined,
    requests: [
      {
        setupRequest: (req) => {
          const r = opts.next();
          return { ...req, path: r.path, headers: { ...req.headers, ...r.headers }, body: r.body ?? req.body };
        },
      },
    ],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = count ?? 0;
  const expect = opts.expect ?? ((s: number) => s >= 200 && s < 300);
  const unexpected = Object.entries(statusCodes)
    .filter(([code]) => !expect(Number(code)))
    .reduce((sum, [, n]) => sum + n, 0);
  const durationS = result.duration;
  const cpuMsPerReq = opts.pid && result.requests.total ? ((cpuSeconds(opts.pid) - cpu0) * 1000) / result.requests.total : undefined;
  return {
    cpuMsPerReq,
    rps: result.requests.total / durationS,
    p99: result.latency.p99,
    requests: result.requests.total,
    // autocannon's `errors` already counts the timeouts.
    errors: result.errors + unexpected + (result.mismatches ?? 0),
    errorKinds: { connection: result.errors - result.timeouts, timeouts: result.timeouts, status: unexpected, body: result.mismatches ?? 0 },
    statusCodes,
    durationS,
  };
}

/**
 * Several rounds of one measurement as one result: requests over the summed duration, the worst
 * p99. Rounds of the app and the baseline are interleaved by the scenarios, so a noisy
 * neighbour on this shared machine weighs on both sides alike.
 */
export function combine(rounds: LoadResult[]): LoadResult {
  const statusCodes: Record<string, number> = {};
  for (const r of rounds) for (const [code, n] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const requests = rounds.reduce((s, r) => s + r.requests, 0);
  const durationS = rounds.reduce((s, r) => s + r.durationS, 0);
  const withCpu = rounds.filter((r) => r.cpuMsPerReq !== undefined);
  const cpuMs = withCpu.reduce((s, r) => s + r.cpuMsPerReq! * r.requests, 0);
  const cpuReqs = withCpu.reduce((s, r) => s + r.requests, 0);
  return {
    cpuMsPerReq: cpuReqs ? cpuMs / cpuReqs : undefined,
    rps: requests / durationS,
    p99: Math.max(...rounds.map((r) => r.p99)),
    requests,
    errors: rounds.reduce((s, r) => s + r.errors, 0),
    errorKinds: {
      connection: rounds.reduce((s, r) => s + r.errorKinds.connection, 0),
      timeouts: rounds.reduce((s, r) => s + r.errorKinds.timeouts, 0),
      status: rounds.reduce((s, r) => s + r.errorKinds.status, 0),
      body: rounds.reduce((s, r) => s + r.errorKinds.body, 0),
    },
    statusCodes,
    durationS,
  };
}

/** A short unmeasured run so JIT, route loading and the connection pool are warm. */
export async function warm(opts: LoadOptions): Promise<void> {
  await load({ ...opts, duration: opts.amount ? undefined : 2, amount: opts.amount });
}

export const fmt = {
  rps: (n: number) => `${Math.round(n).toLocaleString('en-US')} req/s`,
  ms: (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`,
  ratio: (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a'),
  mb: (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`,
  kb: (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`,
};

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function inParallel<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}
