// The JSON fetcher every SWR hook shares. A non-2xx answer becomes a FetchError carrying the
// status and the API's `{error}` message, so a component can tell "signed out" from "down".
import 'client-only';

export class FetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new FetchError(res.status, body?.error ?? `Request failed (${res.status})`);
  }
  return (await res.json()) as T;
}
