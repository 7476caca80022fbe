// The spec's rule for browser requests ("Abuse limits and browser requests"), applied by proxy.ts
// to every request it sees, /api/** included:
// - a state-changing request that a browser sent from another origin is refused (403): its Origin
//   names another host (or is "null", which names none), or its Sec-Fetch-Site says cross-site.
//   A request with neither header is a script, a server, WeChat or a scheduler, and is judged by
//   its credentials alone.
// - a JSON route given a body of another type answers 415: a cross-site form can send text/plain
//   or form-encoded bodies without a CORS preflight, never application/json.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes under /api whose bodies are not JSON: WeChat's XML and the console's image upload (multipart). */
const NOT_JSON = [/^\/api\/wxpay\//, /^\/api\/admin\/products\/[^/]+\/image$/];

export interface Refusal {
  status: 403 | 415;
  error: string;
}

export function refuseBrowserRequest(method: string, pathname: string, headers: Headers): Refusal | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (crossSite(headers)) return { status: 403, error: 'Cross-site requests are not allowed' };
  if (pathname.startsWith('/api/') && !NOT_JSON.some((route) => route.test(pathname)) && hasBody(headers) && !isJson(headers.get('content-type'))) {
    return { status: 415, error: 'Send the body as application/json' };
  }
  return null;
}

function crossSite(headers: Headers): boolean {
  if (headers.get('sec-fetch-site')?.toLowerCase() === 'cross-site') return true;
  const origin = headers.get('origin');
  if (origin === null) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  // The host the browser addressed: a reverse proxy may pass it on as X-Forwarded-Host. A page on
  // another site cannot set that header on a request it sends here without a CORS preflight.
  const forwarded = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return !host || (host !== forwarded && host !== headers.get('host'));
}

function hasBody(headers: Headers): boolean {
  return headers.has('transfer-encoding') || Number(headers.get('content-length') ?? 0) > 0;
}

/** application/json, with or without parameters such as charset. */
export function isJson(contentType: string | null): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}
