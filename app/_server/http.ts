// The route layer's shared plumbing: parse input with zod, map domain errors to HTTP once.
import 'server-only';
import { type z } from 'zod';
import { headers } from 'next/headers';
import { AppError, RateLimitedError, type AppErrorCode, type Bilingual } from '@/lib/errors';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locale';
import { readCappedJson } from '@/lib/http/read-capped-body';
import { log } from '@/lib/log';
import { errorTranslator, localeOf } from './locale';

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

/**
 * The JSON error for what a handler threw. `error` is said in `locale` when the domain gave a
 * user message (codes and field names never change with the language); a product name that
 * comes in both languages is given in that one too.
 */
export function errorResponse(err: unknown, locale: Locale = DEFAULT_LOCALE): Response {
  if (err instanceof AppError) {
    const t = errorTranslator(locale);
    const retry = err instanceof RateLimitedError ? { 'retry-after': String(err.retryAfterSeconds) } : undefined;
    const pick = (v: unknown) => (isBilingual(v) ? (locale === 'en' ? v.en : v.zh) : v);
    const details = Object.fromEntries(Object.entries(err.details ?? {}).map(([k, v]) => [k, pick(v)]));
    const message = err.userMessage;
    const values = message && Object.fromEntries(Object.entries(message.values ?? {}).map(([k, v]) => [k, pick(v) as string | number]));
    const error = message ? t(message.key as Parameters<typeof t>[0], values) : err.message;
    return Response.json({ error, ...details }, { status: STATUS[err.code], headers: retry });
  }
  // Our fault, never the client's: the UI says so in its own words; scripts get one fixed text.
  log.error({ err }, 'request failed');
  return Response.json({ error: 'Internal error' }, { status: 500 });
}

function isBilingual(v: unknown): v is Bilingual {
  return typeof v === 'object' && v !== null && typeof (v as Bilingual).zh === 'string' && typeof (v as Bilingual).en === 'string';
}

/** Runs a handler and turns whatever it throws into the right JSON error, in the request's language. */
export async function respond(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    return errorResponse(err, localeOf(await headers()));
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
