// The route layer's shared plumbing: parse input with zod, map domain errors to HTTP once.
import { z } from 'zod';
import { AppError, RateLimitedError, type AppErrorCode } from '@/lib/errors';

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  wechat_error: 502,
};

export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    const headers = err instanceof RateLimitedError ? { 'retry-after': String(err.retryAfterSeconds) } : undefined;
    return Response.json({ error: err.message, ...err.details }, { status: STATUS[err.code], headers });
  }
  console.error(err);
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

/** A JSON body checked against a schema; every mistake becomes a 400 with a message per field. */
export async function parseJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError('bad_request', 'Body must be JSON');
  }
  return parseWith(schema, body);
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  throw new AppError('bad_request', Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; '), { fields });
}

/** Reads at most `limit` bytes; a larger body is cut off, not buffered whole. */
export async function readText(request: Request, limit: number): Promise<{ text: string; tooLarge: boolean }> {
  const { bytes, tooLarge } = await readBytes(request, limit);
  return { text: bytes.toString('utf8'), tooLarge };
}

export async function readBytes(request: Request, limit: number): Promise<{ bytes: Buffer; tooLarge: boolean }> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (!request.body) return { bytes: Buffer.alloc(0), tooLarge: false };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooLarge = declared > limit;
  while (!tooLarge) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    tooLarge = size > limit;
  }
  if (tooLarge) await reader.cancel().catch(() => {});
  return { bytes: Buffer.concat(chunks), tooLarge };
}
