// The server's one logger: JSON lines (pino) on stdout. Server-side only: no client component
// imports it. Two rules hold for every line, whoever writes it:
// - no personal data: shipping fields are redacted by path wherever they appear in a logged object;
// - no SQL parameters: an error is logged as name, message, code and stack (and its cause, the same
//   way), never its own properties, because drizzle's DrizzleQueryError carries `query`/`params`
//   (and puts the params in its message), postgres.js's errors `query`/`parameters`, and
//   PostgreSQL's `detail` ("Failing row contains (…)") quotes the row.
import pino from 'pino';

// A logged object's own keys and its children's (pino's paths match one level per `*`).
const REDACTED_KEYS = ['shipping', 'shippingName', 'shippingPhone', 'shippingAddress', 'password'];

export const log = pino({
  base: undefined,
  redact: {
    paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]),
    censor: '[redacted]',
  },
  serializers: { err: serializeError },
});

/** The sandbox's lines, marked so they are never mistaken for the shop's. */
export const sandboxLog = log.child({ component: 'sandbox' });

export interface LoggedError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: LoggedError;
}

export function serializeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { name: typeof err, message: typeof err === 'string' ? err : 'non-Error thrown' };
  const withFields = err as Error & { code?: unknown; params?: unknown; query?: unknown };
  // DrizzleQueryError's message is "Failed query: <sql>\nparams: <values>": only its first words are safe.
  const message = 'params' in withFields && 'query' in withFields ? 'Failed query' : err.message;
  const frames = err.stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')) ?? [];
  const logged: LoggedError = { name: err.name, message, stack: [`${err.name}: ${message}`, ...frames].join('\n') };
  if (typeof withFields.code === 'string') logged.code = withFields.code;
  if (err.cause !== undefined && depth < 4) logged.cause = serializeError(err.cause, depth + 1);
  return logged;
}
