// Runs before every route (Next 16's proxy, formerly middleware). Two jobs, in this order:
// 1. refuse cross-site state-changing browser requests (403) and non-JSON bodies on JSON routes
//    (415): app/_server/browser-requests.ts;
// 2. security headers on every response, with a fresh CSP nonce for pages:
//    app/_server/security-headers.ts.
// GET /api/orders/{orderNo}/events is answered before Next (app/_server/order-events-server.ts)
// and never reaches this proxy; it sends the same headers, and a GET is never refused by step 1.
// Page-only steps (e.g. locale routing) belong after the `isApi` branch, so /api/** keeps steps 1–2.
import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { servedOverHttps } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { refuseBrowserRequest } from '@/app/_server/browser-requests';
import { pagePolicy, securityHeaders, type SiteMode } from '@/app/_server/security-headers';

export function proxy(request: NextRequest) {
  const mode = siteMode();
  const { pathname } = request.nextUrl;
  const refusal = refuseBrowserRequest(request.method, pathname, request.headers);
  if (refusal) return Response.json({ error: refusal.error }, { status: refusal.status, headers: securityHeaders(mode) });

  const isApi = pathname.startsWith('/api/');
  if (isApi) return withHeaders(NextResponse.next(), securityHeaders(mode));

  const policy = pagePolicy(randomBytes(16).toString('base64'), mode);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), securityHeaders(mode, policy));
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

let cachedMode: SiteMode | undefined;
function siteMode(): SiteMode {
  return (cachedMode ??= { https: servedOverHttps(), dev: getEnv().NODE_ENV === 'development' });
}

export const config = {
  // Everything but the build's static files (hashed, immutable, served as they are). /api/** is
  // always covered: a page-routing matcher added later must not narrow this one.
  matcher: ['/((?!_next/static/).*)'],
};
