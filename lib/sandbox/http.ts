// Web plumbing shared by the sandbox's route handlers (standard Request/Response only).
import { getEnv } from '@/lib/env';

/** The sandbox exists only in sandbox mode; in live mode every /sandbox route and page is a 404. */
export function isSandboxEnabled(): boolean {
  return getEnv().WXPAY_MODE === 'sandbox';
}

/** Wraps a route handler so that it answers 404 in live mode. */
export function sandboxRoute<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args) => (isSandboxEnabled() ? handler(...args) : new Response('Not Found', { status: 404 }));
}

export type BodyText = { ok: true; text: string } | { ok: false };

/** The body as UTF-8 text, or ok:false once it exceeds maxBytes (the rest is never read into memory). */
export async function readCappedText(request: Request, maxBytes: number): Promise<BodyText> {
  if (Number(request.headers.get('content-length')) > maxBytes) return { ok: false };
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

const MAX_JSON_BYTES = 16 * 1024;

export type JsonBody = { ok: true; value: unknown } | { ok: false; error: string };

/** A small JSON body; an empty body reads as {} so that every field can be optional. */
export async function readJson(request: Request): Promise<JsonBody> {
  const body = await readCappedText(request, MAX_JSON_BYTES);
  if (!body.ok) return { ok: false, error: `body is larger than ${MAX_JSON_BYTES} bytes` };
  if (body.text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(body.text) };
  } catch {
    return { ok: false, error: 'body is not valid JSON' };
  }
}
