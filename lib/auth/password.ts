// scrypt (memory-hard) with a per-password salt; parameters are stored with the hash so they can
// be raised later without invalidating existing accounts.
import 'server-only';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { getEnv } from '@/lib/env';

const PARAMS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

// scrypt runs on libuv's thread pool (4 threads), which file reads, DNS lookups and zlib share:
// a burst of sign-ins holding every thread stalls static files and images for everyone. At most
// PASSWORD_HASH_CONCURRENCY (default 2) hashes run at once per process; the rest wait their turn,
// in order. Not a lock for correctness, only a bound on CPU, so per process is enough.
let running = 0;
const waiting: (() => void)[] = [];

async function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  if (running < getEnv().PASSWORD_HASH_CONCURRENCY) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await new Promise((resolve, reject) =>
      scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
    );
  } finally {
    // The slot passes straight to the next waiter, so a newcomer cannot slip in between.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Spent on unknown usernames so that response time does not reveal which names exist. */
export const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
