// Which address a request came from, for the per-IP rate limits and WeChat's spbill_create_ip.
//
// A route handler in Next 16 sees headers only, not the socket, and `next start` fills
// X-Forwarded-For from the socket only when the request has none, so a client could name any
// address it likes. The rule: this server appends the socket's peer address to X-Forwarded-For
// itself, before Next reads the request (like one more proxy), and the client's address is the
// entry TRUSTED_PROXIES places from the right: 0 (no proxy) → the peer; 1 → the address the one
// proxy in front of us appended; … Everything left of that is whatever the client sent.
import 'server-only';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { z } from 'zod';
import { getEnv } from '@/lib/env';

/** Called once per server process, at start (instrumentation.ts). */
export function recordPeerAddress(): void {
  // Published by node:http for every request before the server's 'request' listeners run.
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const peer = socket.remoteAddress ?? '';
    const forwarded = request.headers['x-forwarded-for'];
    const given = Array.isArray(forwarded) ? forwarded.join(', ') : forwarded;
    request.headers['x-forwarded-for'] = given ? `${given}, ${peer}` : peer;
  });
}

export function clientIp(request: { headers: Pick<Headers, 'get'> }): string {
  return pickClientIp(request.headers.get('x-forwarded-for'), getEnv().TRUSTED_PROXIES);
}

/** WeChat wants an IPv4 or IPv6 literal; anything else (or nothing) becomes 127.0.0.1. */
export function pickClientIp(forwardedFor: string | null, trustedProxies: number): string {
  const hops = (forwardedFor ?? '').split(',').map((s) => s.trim());
  // Fewer entries than trusted proxies: a proxy is missing, and the leftmost is the best we have.
  const ip = (hops[Math.max(0, hops.length - 1 - trustedProxies)] ?? '').replace(/^::ffff:(?=\d+\.)/, '');
  return z.union([z.ipv4(), z.ipv6()]).safeParse(ip).success ? ip : '127.0.0.1';
}
