// The headers proxy.ts puts on every response. Pages get a nonce-based Content-Security-Policy as
// Next's CSP guide describes: Next reads the nonce from the request's CSP header and puts it on its
// own scripts, so every page is rendered per request. Inline `style` attributes stay allowed
// (style-src-attr): React renders them into the HTML (the sandbox's phone page, the QR's size) and
// they cannot run script; <style> elements and scripts need the nonce.

export interface SiteMode {
  /** Served over HTTPS (live mode): HSTS, and mixed content is upgraded. */
  https: boolean;
  /** `next dev`: React's dev tools need eval and inject unnonced styles. */
  dev: boolean;
}

const COMMON = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  // For browsers that predate frame-ancestors.
  'x-frame-options': 'DENY',
};

/** JSON, XML and images: nothing in them may run, load or be framed. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

export function pagePolicy(nonce: string, mode: SiteMode): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${mode.dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' ${mode.dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(mode.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export function securityHeaders(mode: SiteMode, policy: string = API_POLICY): Record<string, string> {
  return {
    ...COMMON,
    'content-security-policy': policy,
    ...(mode.https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}
