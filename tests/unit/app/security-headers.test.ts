import { describe, expect, it } from 'vitest';
import { pagePolicy, securityHeaders } from '@/app/_server/security-headers';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

describe('pagePolicy', () => {
  it('allows scripts and <style> elements by nonce only, in production', () => {
    const csp = directives(pagePolicy('abc123', { https: false, dev: false }));
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'nonce-abc123'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it('upgrades mixed content only when served over HTTPS, and relaxes only for next dev', () => {
    expect(directives(pagePolicy('n', { https: true, dev: false })).has('upgrade-insecure-requests')).toBe(true);
    const dev = directives(pagePolicy('n', { https: false, dev: true }));
    expect(dev.get('script-src')).toContain("'unsafe-eval'");
    expect(dev.get('style-src')).toContain("'unsafe-inline'");
  });
});

describe('securityHeaders', () => {
  it('sends HSTS only when served over HTTPS (live mode)', () => {
    expect(securityHeaders({ https: true, dev: false })['strict-transport-security']).toBe('max-age=31536000');
    expect(securityHeaders({ https: false, dev: false })).not.toHaveProperty('strict-transport-security');
  });

  it('gives API responses a policy that runs, loads and frames nothing', () => {
    const headers = securityHeaders({ https: false, dev: false });
    expect(headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });
});
