// Request bodies read with a byte cap, for the shop's routes and the sandbox's alike (web-standard
// Request only): a body past the cap is cut off, never buffered whole.

/** The body, or, once it passed maxBytes (ok: false), only what was read before that. */
export type CappedBytes = { ok: boolean; bytes: Buffer };
export type CappedText = { ok: boolean; text: string };

export async function readCappedBytes(request: Request, maxBytes: number): Promise<CappedBytes> {
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) return { ok: false, bytes: Buffer.alloc(0) };
  if (!request.body) return { ok: true, bytes: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { ok: true, bytes: Buffer.concat(chunks) };
    chunks.push(value);
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false, bytes: Buffer.concat(chunks) };
    }
  }
}

/** The body as UTF-8 text (cut off as readCappedBytes cuts it). */
export async function readCappedText(request: Request, maxBytes: number): Promise<CappedText> {
  const { ok, bytes } = await readCappedBytes(request, maxBytes);
  return { ok, text: bytes.toString('utf8') };
}

/** Why a JSON body was refused; each caller words its own reply. */
export type JsonProblem = 'too_large' | 'not_json';

/** A JSON body of at most maxBytes; a blank body reads as undefined and each caller decides what that means. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; problem: JsonProblem };

export async function readCappedJson(request: Request, maxBytes: number): Promise<JsonBody> {
  const body = await readCappedText(request, maxBytes);
  if (!body.ok) return { ok: false, problem: 'too_large' };
  if (body.text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body.text) };
  } catch {
    return { ok: false, problem: 'not_json' };
  }
}
