// postgres.js's pool queue (src/queue.js) must stay bounded under sustained load: porsager/postgres
// issue 747, fixed here by patches/postgres+3.4.9.patch (applied by patch-package on install; see
// bench/README.md). Upstream 3.4.9 only blanks the consumed head slot on shift(), so a queue that never
// drains — the pool's `busy` queue when more queries are in flight than connections — grows by one slot
// per query and remove() scans all of it. These tests drive the installed Queue files directly (both
// the CommonJS one `require('postgres')` resolves to and the ESM one `import` resolves to) and fail on
// the unpatched files.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

interface Queue<T> {
  readonly length: number;
  push(x: T): T;
  shift(): T | undefined;
  remove(x: T): T | null;
}
type QueueFactory = <T>(initial?: T[]) => Queue<T>;

const require = createRequire(import.meta.url);
// The package's "exports" decide which file Node (and Next, which keeps `postgres` external) loads.
const cjsIndex = require.resolve('postgres'); // "default" condition: cjs/src/index.js
const pkgRoot = path.resolve(path.dirname(cjsIndex), '..', '..');
const pkg = JSON.parse(readFileSync(path.join(pkgRoot, 'package.json'), 'utf8'));
const esmIndex = path.join(pkgRoot, pkg.exports.import as string); // "import" condition: src/index.js

const files = {
  cjs: path.join(path.dirname(cjsIndex), 'queue.js'),
  esm: path.join(path.dirname(esmIndex), 'queue.js'),
};

async function load(kind: keyof typeof files): Promise<QueueFactory> {
  if (kind === 'cjs') return require(files.cjs) as QueueFactory;
  const mod = await import(/* @vite-ignore */ pathToFileURL(files.esm).href);
  return mod.default as QueueFactory;
}

/** A stand-in for a postgres.js connection (the pool queues hold connection objects). */
const conn = (id: number) => ({ id });

/**
 * Calls queue.remove(target) with Array.prototype.indexOf wrapped, and returns what remove() searched
 * for `target`: the backing array itself (its length is the queue's memory) and how many slots the
 * search walked.
 */
function observeRemove<T>(queue: Queue<T>, target: T) {
  const realIndexOf = Array.prototype.indexOf;
  let backing: unknown[] | null = null;
  let scanned = 0;
  Array.prototype.indexOf = function (this: unknown[], x: unknown, from?: number) {
    if (x !== target) return realIndexOf.call(this, x, from);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the array remove() searched is what the test observes
    backing = this;
    const start = from === undefined ? 0 : from < 0 ? Math.max(0, this.length + from) : Math.min(from, this.length);
    scanned += this.length - start;
    return realIndexOf.call(this, x, from);
  } as typeof Array.prototype.indexOf;
  let removed: T | null;
  try {
    removed = queue.remove(target);
  } finally {
    Array.prototype.indexOf = realIndexOf;
  }
  return { removed, backingLength: (backing as unknown[] | null)?.length ?? 0, scanned };
}

describe.each(['cjs', 'esm'] as const)('postgres.js Queue (%s build, patched for issue 747)', (kind) => {
  it('is the patched file', () => {
    expect(readFileSync(files[kind], 'utf8')).toContain('patches/postgres+3.4.9.patch');
  });

  it('stays bounded when it never drains: the pool busy-queue cycle (shift, remove, push back)', async () => {
    const Queue = await load(kind);
    const busy = Queue<ReturnType<typeof conn>>();
    const pool = Array.from({ length: 10 }, (_, i) => conn(i));
    pool.forEach((c) => busy.push(c));

    // What handler() + go() + move() do for each query while every connection is busy.
    const CYCLES = 20_000;
    const seen: number[] = [];
    let found = 0;
    for (let i = 0; i < CYCLES; i++) {
      const c = busy.shift()!;
      seen.push(c.id);
      if (busy.remove(c) !== null) found++; // move(): c.queue.remove(c) — already shifted out
      busy.push(c);
    }
    expect(found).toBe(0);
    // Round-robin, FIFO, nothing lost.
    expect(seen.slice(0, 25)).toEqual(Array.from({ length: 25 }, (_, i) => i % 10));
    expect(seen[CYCLES - 1]).toBe((CYCLES - 1) % 10);
    expect(busy.length).toBe(10);

    // What remove() works on after 20k queries: upstream, an array of 20,010 slots, all scanned.
    const absent = conn(-1);
    const { removed, backingLength, scanned } = observeRemove(busy, absent);
    expect(removed).toBeNull();
    expect(backingLength).toBeLessThanOrEqual(2 * busy.length + 1);
    expect(scanned).toBeLessThanOrEqual(busy.length);
  });

  it("stays bounded for a pipeline that never drains (a connection's sent queue: push, shift)", async () => {
    const Queue = await load(kind);
    const sent = Queue<number>();
    for (let i = 0; i < 5; i++) sent.push(i);
    let outOfOrder = 0;
    for (let i = 5; i < 50_005; i++) {
      sent.push(i);
      if (sent.shift() !== i - 5) outOfOrder++;
    }
    expect(outOfOrder).toBe(0);
    expect(sent.length).toBe(5);
    const { removed, backingLength } = observeRemove(sent, -1);
    expect(removed).toBeNull();
    expect(backingLength).toBeLessThanOrEqual(2 * sent.length + 1);
  });

  it('keeps FIFO order, length and remove() semantics', async () => {
    const Queue = await load(kind);
    const q = Queue([1, 2, 3]);
    expect(q.length).toBe(3);
    q.push(4);
    q.push(5);
    expect(q.shift()).toBe(1);
    expect(q.shift()).toBe(2);
    expect(q.remove(4)).toBe(4); // a live entry, after the consumed head
    expect(q.remove(4)).toBeNull(); // only once
    expect(q.remove(1)).toBeNull(); // already shifted out
    expect(q.length).toBe(2);
    q.push(6);
    expect([q.shift(), q.shift(), q.shift()]).toEqual([3, 5, 6]);
    expect(q.length).toBe(0);
    q.push(7);
    expect(q.length).toBe(1);
    expect(q.shift()).toBe(7);
    expect(q.length).toBe(0);
  });

  it('behaves like a plain array model under any mix of push, shift and remove', async () => {
    const Queue = await load(kind);
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), n: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('shift' as const), n: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('remove' as const), n: fc.integer({ min: 0, max: 40 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const q = Queue<number>();
        const model: number[] = [];
        let next = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            for (let i = 0; i < o.n; i++) {
              q.push(next);
              model.push(next++);
            }
          } else if (o.kind === 'shift') {
            // The pool only shifts a queue that has entries (it checks .length first).
            for (let i = 0; i < o.n && model.length > 0; i++) expect(q.shift()).toBe(model.shift());
          } else {
            const x = next - o.n; // recent, old (already shifted) or never pushed
            const at = model.indexOf(x);
            expect(q.remove(x)).toBe(at === -1 ? null : x);
            if (at !== -1) model.splice(at, 1);
          }
          expect(q.length).toBe(model.length);
        }
        const rest: number[] = [];
        while (q.length) rest.push(q.shift()!);
        expect(rest).toEqual(model);
      }),
      { numRuns: 300 },
    );
  });
});
