import { describe, expect, it } from 'vitest';
import { isJson, refuseBrowserRequest } from '@/app/_server/browser-requests';

const HOST = '127.0.0.1:3000';
const refuse = (method: string, path: string, headers: Record<string, string>) =>
  refuseBrowserRequest(method, path, new Headers({ host: HOST, ...headers }))?.status ?? 'pass';
const json = { 'content-type': 'application/json', 'content-length': '2' };

describe('refuseBrowserRequest: cross-site state changes (403)', () => {
  it.each([
    ['another origin', { origin: 'http://evil.example' }],
    ['another port of the same host', { origin: 'http://127.0.0.1:3001' }],
    ['an opaque origin', { origin: 'null' }],
    ['a malformed origin', { origin: 'not a url' }],
    ['Sec-Fetch-Site cross-site, no Origin', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site cross-site with our own Origin', { 'sec-fetch-site': 'cross-site', origin: `http://${HOST}` }],
  ])('refuses %s', (_name, headers) => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(refuse(method, '/api/session', { ...json, ...headers })).toBe(403);
      expect(refuse(method, '/sandbox/faults', { ...json, ...headers })).toBe(403);
    }
  });

  it.each([
    ['neither header (a script, WeChat, a scheduler)', {}],
    ['our own origin', { origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' }],
    ['our origin as a reverse proxy forwards it', { host: 'app:3000', 'x-forwarded-host': 'shop.example', origin: 'https://shop.example' }],
    ['same-site Sec-Fetch-Site without Origin', { 'sec-fetch-site': 'same-site' }],
  ])('passes %s', (_name, headers) => {
    expect(refuse('POST', '/api/session', { ...json, ...headers })).toBe('pass');
  });

  it('never refuses a safe method, whatever its headers say', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(refuse(method, '/api/orders', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' })).toBe('pass');
    }
  });
});

describe('refuseBrowserRequest: JSON routes take JSON bodies only (415)', () => {
  it.each([
    'text/plain',
    'text/plain;charset=UTF-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonp',
    'application/json-patch+json',
  ])('refuses a %s body on a JSON route', (type) => {
    expect(refuse('POST', '/api/session', { 'content-type': type, 'content-length': '40' })).toBe(415);
    expect(refuse('POST', '/api/orders', { 'content-type': type, 'transfer-encoding': 'chunked' })).toBe(415);
  });

  it('refuses a body without a content type', () => {
    expect(refuse('POST', '/api/users', { 'content-length': '40' })).toBe(415);
  });

  it('passes JSON with parameters, and bodiless requests with no type at all', () => {
    expect(refuse('POST', '/api/session', { 'content-type': 'application/json; charset=utf-8', 'content-length': '40' })).toBe('pass');
    expect(refuse('POST', '/api/session', { 'content-type': 'Application/JSON', 'content-length': '40' })).toBe('pass');
    expect(refuse('DELETE', '/api/session', {})).toBe('pass');
    expect(refuse('DELETE', '/api/session', { 'content-length': '0' })).toBe('pass');
  });

  it('leaves the XML and multipart routes, and the sandbox, to their own parsers', () => {
    const xml = { 'content-type': 'text/xml', 'content-length': '40' };
    expect(refuse('POST', '/api/wxpay/notify', xml)).toBe('pass');
    expect(refuse('POST', '/api/wxpay/refund-notify', xml)).toBe('pass');
    expect(refuse('POST', '/api/admin/products/12/image', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': '40' })).toBe('pass');
    expect(refuse('POST', '/sandbox/pay/unifiedorder', xml)).toBe('pass');
    // Only that exact upload path: the product itself is a JSON route.
    expect(refuse('PATCH', '/api/admin/products/12', { 'content-type': 'text/plain', 'content-length': '40' })).toBe(415);
  });
});

describe('isJson', () => {
  it.each([
    ['application/json', true],
    [' application/json ; charset=utf-8', true],
    ['application/json-seq', false],
    ['text/json', false],
    [null, false],
  ])('%j → %s', (type, expected) => expect(isJson(type)).toBe(expected));
});
