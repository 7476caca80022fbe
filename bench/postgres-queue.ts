// Does postgres.js's pool slow down under sustained load? (porsager/postgres issue 747)
//
// A bare postgres.js pool (max 10 connections, no drizzle, no app) and 100 concurrent workers, each
// running `select 1` in a loop, for ~700k queries. It prints queries/s for every block of 100k. With
// more queries in flight than connections, the pool never empties its `busy` queue: handler()
// shift()s a connection from it and move() pushes it straight back, after a remove() that doesn't
// find it. postgres.js 3.4.9's Queue (src/queue.js) only blanks the consumed head slot on shift() and
// drops the array only when it drains completely, so under sustained load the array grows by one
// slot per query, forever, and remove() scans all of it with indexOf: every query costs more than
// the one before. The per-connection `sent` queues (pipelined queries) grow the same way (memory
// only). The repo carries a fix (patches/postgres+3.4.9.patch, applied by patch-package on install)
// that compacts the array; this bench says which Queue it ran.
//
// Columns: block, queries/s in that block, then the internal arrays' lengths sampled at the block's
// end. postgres.js doesn't expose them, so for a few hundred queries the bench wraps
// Array.prototype.push and .indexOf and notes the length of arrays that a connection object is pushed
// onto or searched for (the pool's queues: `pool array`, `pool scan` = slots indexOf walked) and
// of arrays a Query is pushed onto (the connections' `sent` queues). The wrappers are off while the
// throughput is measured.
//
//   npx tsx bench/postgres-queue.ts        (DATABASE_URL, default postgres://postgres@127.0.0.1:5433/postgres;
//                                           QUERIES=700000 BLOCK=100000 WORKERS=100 POOL=10 to change the shape)
// It only runs `select 1`: no tables, nothing written.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5433/postgres';
const QUERIES = Number(process.env.QUERIES ?? 700_000);
const BLOCK = Number(process.env.BLOCK ?? 100_000);
const WORKERS = Number(process.env.WORKERS ?? 100);
const POOL = Number(process.env.POOL ?? 10);
const PROBE_QUERIES = 500;

// ---------------------------------------------------------------------------------------------
// The probe: a short window in which push/indexOf note the lengths of postgres.js's queue arrays.
// ---------------------------------------------------------------------------------------------

interface Sample {
  poolArray: number;
  poolScan: number;
  sentArray: number;
}

const isConnection = (x: unknown) => typeof x === 'object' && x !== null && 'queue' in x && 'execute' in x && 'idleTimer' in x;
const isQuery = (x: unknown) => typeof x === 'object' && x !== null && (x as object).constructor?.name === 'Query';

const realPush = Array.prototype.push;
const realIndexOf = Array.prototype.indexOf;
let sample: Sample | null = null;

function startProbe() {
  const s: Sample = { poolArray: 0, poolScan: 0, sentArray: 0 };
  sample = s;
  Array.prototype.push = function (this: unknown[], ...items: unknown[]) {
    if (items.length === 1) {
      if (isConnection(items[0])) s.poolArray = Math.max(s.poolArray, this.length + 1);
      else if (isQuery(items[0])) s.sentArray = Math.max(s.sentArray, this.length + 1);
    }
    return realPush.apply(this, items);
  };
  Array.prototype.indexOf = function (this: unknown[], x: unknown, from?: number) {
    if (isConnection(x)) {
      s.poolArray = Math.max(s.poolArray, this.length);
      const start = from === undefined ? 0 : from < 0 ? Math.max(0, this.length + from) : from;
      s.poolScan = Math.max(s.poolScan, this.length - start);
    }
    return realIndexOf.call(this, x, from);
  } as typeof Array.prototype.indexOf;
}

function stopProbe(): Sample | null {
  Array.prototype.push = realPush;
  Array.prototype.indexOf = realIndexOf;
  const s = sample;
  sample = null;
  return s;
}

// ---------------------------------------------------------------------------------------------

function whichQueue(): string {
  // The bench runs as CommonJS under tsx, so `postgres` resolves to its "default" export (cjs/).
  const file = path.join(path.dirname(require.resolve('postgres')), 'queue.js');
  const patched = readFileSync(file, 'utf8').includes('patches/postgres+');
  return `${path.relative(process.cwd(), file)} (${patched ? 'patched: compacting queue' : 'upstream 3.4.9, unpatched'})`;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main() {
  const url = new URL(DATABASE_URL);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname)) {
    throw new Error(`Refusing to load non-local host ${url.hostname}`);
  }
  console.log(`postgres.js queue: ${whichQueue()}`);
  console.log(`pool max ${POOL}, ${WORKERS} workers, ${fmt(QUERIES)} × select 1, blocks of ${fmt(BLOCK)}\n`);

  const sql = postgres(DATABASE_URL, { max: POOL, onnotice: () => {} });
  await sql`select 1`; // connect before the clock starts
  console.log('block            queries/s   pool array   pool scan   sent array (max)');

  let issued = 0;
  let done = 0;
  let probeUntil = -1;
  let blockStart = performance.now();
  const t0 = blockStart;
  const rates: number[] = [];

  const onDone = () => {
    done++;
    if (done === probeUntil) {
      const s = stopProbe();
      const blockEnd = done - PROBE_QUERIES;
      console.log(
        `${`${fmt(blockEnd - BLOCK)}–${fmt(blockEnd)}`.padEnd(16)} ${rates[rates.length - 1].toFixed(0).padStart(9)}` +
          `   ${fmt(s?.poolArray ?? 0).padStart(10)}   ${fmt(s?.poolScan ?? 0).padStart(9)}   ${fmt(s?.sentArray ?? 0).padStart(10)}`,
      );
    }
    if (done % BLOCK === 0) {
      const now = performance.now();
      rates.push(BLOCK / ((now - blockStart) / 1000));
      if (done + PROBE_QUERIES <= QUERIES) {
        startProbe();
        probeUntil = done + PROBE_QUERIES;
      } else {
        console.log(`${`${fmt(done - BLOCK)}–${fmt(done)}`.padEnd(16)} ${rates[rates.length - 1].toFixed(0).padStart(9)}   (no probe: end of run)`);
      }
      blockStart = performance.now(); // the probe window counts toward the next block; its cost is small
    }
  };

  async function worker() {
    while (issued < QUERIES) {
      issued++;
      await sql`select 1`;
      onDone();
    }
  }

  try {
    await Promise.all(Array.from({ length: WORKERS }, worker));
  } finally {
    stopProbe();
    await sql.end({ timeout: 5 });
  }
  const total = (performance.now() - t0) / 1000;
  console.log(
    `\n${fmt(QUERIES)} queries in ${total.toFixed(1)} s (${fmt(QUERIES / total)}/s overall);` +
      ` first block ${fmt(rates[0])}/s, last ${fmt(rates[rates.length - 1])}/s (${(rates[rates.length - 1] / rates[0]).toFixed(2)}×)`,
  );
}

main().catch((err) => {
  stopProbe();
  console.error(err);
  process.exit(1);
});
