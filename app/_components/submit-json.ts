// The browser side of the JSON routes: one request, one answer every form reads the same way.
import 'client-only';

export interface JsonReply<T> {
  ok: boolean;
  /** 0 when the server could not be reached at all. */
  status: number;
  /** The reply's JSON, or {} when it had none. */
  data: Partial<T> & { error?: string; fields?: Record<string, string> };
  /** The route's own `error` message, if it gave one. */
  error: string | null;
}

/** Sends `body` as JSON (a FormData as multipart, for file uploads) and reads the JSON reply. */
export async function submitJson<T = Record<string, unknown>>(url: string, method: string, body: unknown): Promise<JsonReply<T>> {
  let res: Response;
  try {
    res = await fetch(
      url,
      body instanceof FormData ? { method, body } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
  } catch {
    return { ok: false, status: 0, data: {}, error: null };
  }
  const data = ((await res.json().catch(() => null)) ?? {}) as JsonReply<T>['data'];
  return { ok: res.ok, status: res.status, data, error: typeof data.error === 'string' ? data.error : null };
}
