// Web plumbing shared by the sandbox's route handlers (standard Request/Response only).
import 'server-only';
import { getEnv } from '@/lib/env';
import { readCappedJson } from '@/lib/http/read-capped-body';

/** The sandbox exists only in sandbox mode; in live mode every /sandbox route and page is a 404. */
export function isSandboxEnabled(): boolean {
  return getEnv().WXPAY_MODE === 'sandbox';
}

/** Wraps a route handler so that it answers 404 in live mode. */
export function sandboxRoute<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args) => (isSandboxEnabled() ? handler(...args) : new Response('Not Found', { status: 404 }));
}

// envelope.ts reads its XML through this module, like every sandbox route.
export { readCappedText } from '@/lib/http/read-capped-body';

const MAX_JSON_BYTES = 16 * 1024;

export type SandboxJson = { ok: true; value: unknown } | { ok: false; error: string };

/** A small JSON body; an empty body reads as {} so that every field can be optional. */
export async function readJson(request: Request): Promise<SandboxJson> {
  const body = await readCappedJson(request, MAX_JSON_BYTES);
  if (!body.ok) return { ok: false, error: body.problem === 'too_large' ? `body is larger than ${MAX_JSON_BYTES} bytes` : 'body is not valid JSON' };
  return { ok: true, value: body.value ?? {} };
}
