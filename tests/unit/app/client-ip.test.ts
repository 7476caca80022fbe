import { describe, expect, it } from 'vitest';
import { pickClientIp } from '@/app/_server/client-ip';

// The server appends the socket's peer to X-Forwarded-For (app/_server/client-ip.ts), so the last
// entry is always the peer and everything left of the trusted proxies' entries is the client's say.
describe('pickClientIp', () => {
  it('takes the peer when no proxy is trusted, whatever the client wrote', () => {
    expect(pickClientIp('203.0.113.7', 0)).toBe('203.0.113.7');
    expect(pickClientIp('1.2.3.4, 203.0.113.7', 0)).toBe('203.0.113.7');
  });

  it('takes the address the outermost trusted proxy appended', () => {
    // client forged 1.2.3.4; the proxy appended the client's real address; the peer is the proxy.
    expect(pickClientIp('1.2.3.4, 198.51.100.20, 10.0.0.2', 1)).toBe('198.51.100.20');
    expect(pickClientIp('1.2.3.4, 198.51.100.20, 10.0.0.5, 10.0.0.2', 2)).toBe('198.51.100.20');
  });

  it('falls back to the leftmost entry when fewer proxies appended than are trusted', () => {
    expect(pickClientIp('10.0.0.2', 1)).toBe('10.0.0.2');
  });

  it('unwraps IPv4-mapped IPv6 peers and keeps IPv6', () => {
    expect(pickClientIp('::ffff:127.0.0.9', 0)).toBe('127.0.0.9');
    expect(pickClientIp('2001:db8::1', 0)).toBe('2001:db8::1');
  });

  it('gives 127.0.0.1 for anything that is not an address', () => {
    expect(pickClientIp(null, 0)).toBe('127.0.0.1');
    expect(pickClientIp('unknown', 0)).toBe('127.0.0.1');
    expect(pickClientIp('1.2.3.4, <script>', 0)).toBe('127.0.0.1');
  });
});
