// The route layer's shared plumbing: parse input with zod, map domain errors to HTTP once.
import 'server-only';
import { type z } from 'zod';
import { AppError, RateLimitedError, type AppErrorCode } from '@/lib/errors';
import { readCappedJson } from '@/lib/http/read-capped-body';
import { log } from '@/lib/log';

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  wechat_error: 502,
  unavailable: 503,
};

export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    const headers = err instanceof RateLimitedError ? { 'retry-after': String(err.retryAfterSeconds) } : undefined;
    return Response.json({ error: err.message, ...err.details }, { status: STATUS[err.code], headers });
  }
  log.error({ err }, 'request failed');
  return Response.json({ error: 'Internal error' }, { status: 500 });
}

/** Runs a handler and turns whatever it throws into the right JSON error. */
export async function respond(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    return errorResponse(err);
  }
}

/** Every JSON body the shop and console accept is a small form; a larger one is refused unread. */
export const MAX_JSON_BYTES = 16 * 1024;

/** A JSON body checked against a schema; every mistake becomes a 400 with a message per field. */
export async function parseJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const body = await readCappedJson(request, MAX_JSON_BYTES);
  if (!body.ok && body.problem === 'too_large') throw new AppError('too_large', `Body is larger than ${MAX_JSON_BYTES / 1024} KB`);
  if (!body.ok || body.value === undefined) throw new AppError('bad_request', 'Body must be JSON');
  return parseWith(schema, body.value);
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  throw new AppError(
    'bad_request',
    Object.entries(fields)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; '),
    { fields },
  );
}
