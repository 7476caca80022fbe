// `npx tsx bench/hash-starvation.ts [--skip-build] [--sign-ins N] [--seconds S]`: how much a burst
// of sign-ins slows a static file down. scrypt runs on libuv's 4-thread pool, which Next's static
// file reads share; lib/auth/password.ts lets at most PASSWORD_HASH_CONCURRENCY (default 2) hashes
// run at once. Two app servers from the same build, one with the bound (2) and one without (64:
// as before the bound), are measured one after the other, twice, in the same run: a static file's
// latency idle and while N clients sign in back to back, and how many sign-ins per second get
// through. Prints a Markdown table for bench/README.md. Same database and port options as run.ts.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { createDatabase, dropDatabase, startApp, type Server } from './support/servers';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const SIGN_INS = option('sign-ins', 24);
const SECONDS = option('seconds', 8);
const PORT = Number(process.env.BENCH_PORT_BASE ?? 3170);
const STATIC_PATH = '/products/placeholder.svg';
const CREDENTIALS = JSON.stringify({ username: 'hashbench', password: 'correct horse battery' });

interface Sample {
  idleMs: number[];
  loadedMs: number[];
  signInsPerS: number;
}

async function timed(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t0;
}

/** Sequential static requests for `ms`, one every 50 ms, so the probe itself adds no load. */
async function probe(url: string, ms: number): Promise<number[]> {
  const out: number[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    out.push(await timed(url));
    await new Promise((r) => setTimeout(r, 50));
  }
  return out;
}

async function measure(server: Server): Promise<Sample> {
  const staticUrl = server.baseUrl + STATIC_PATH;
  for (let i = 0; i < 20; i++) await timed(staticUrl);
  const idleMs = await probe(staticUrl, 3000);
  let signIns = 0;
  let running = true;
  const signInLoop = async () => {
    while (running) {
      const res = await fetch(`${server.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: CREDENTIALS });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`sign-in: ${res.status}`);
      signIns++;
    }
  };
  const t0 = Date.now();
  const loops = Array.from({ length: SIGN_INS }, signInLoop);
  // Let the queue fill before probing.
  await new Promise((r) => setTimeout(r, 500));
  const loadedMs = await probe(staticUrl, SECONDS * 1000);
  running = false;
  await Promise.all(loops);
  return { idleMs, loadedMs, signInsPerS: signIns / ((Date.now() - t0) / 1000) };
}

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function main() {
  if (!argv.includes('--skip-build')) {
    const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const configs = [
    { label: 'unbounded (64, as before)', concurrency: '64' },
    { label: 'bounded (2, the default)', concurrency: '2' },
  ];
  const databases: string[] = [];
  const servers: Server[] = [];
  try {
    for (const [i, c] of configs.entries()) {
      const databaseUrl = await createDatabase(`hash_${i}`);
      databases.push(databaseUrl);
      servers.push(await startApp({ name: `hash-${i}`, port: PORT + i, databaseUrl, env: { PASSWORD_HASH_CONCURRENCY: c.concurrency } }));
      const res = await fetch(`${servers[i].baseUrl}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: CREDENTIALS });
      if (res.status !== 201) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
    }
    const samples: Sample[][] = configs.map(() => []);
    for (let round = 0; round < 2; round++) {
      for (const [i, server] of servers.entries()) samples[i].push(await measure(server));
    }
    const lines = [
      `${SIGN_INS} clients signing in back to back, a static file (${STATIC_PATH}) fetched every 50 ms; ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
      '',
      '| hashes at once | static p50 idle → loaded | static p95 idle → loaded | p50 ratio | p95 ratio | static fetches under load | sign-ins/s |',
      '|---|---|---|---|---|---|---|',
    ];
    for (const [i, c] of configs.entries()) {
      const idle = samples[i].flatMap((s) => s.idleMs);
      const loaded = samples[i].flatMap((s) => s.loadedMs);
      const rate = samples[i].reduce((sum, s) => sum + s.signInsPerS, 0) / samples[i].length;
      const f = (n: number) => `${n.toFixed(1)} ms`;
      lines.push(
        `| ${c.label} | ${f(pct(idle, 50))} → ${f(pct(loaded, 50))} | ${f(pct(idle, 95))} → ${f(pct(loaded, 95))} | ${(pct(loaded, 50) / pct(idle, 50)).toFixed(1)}× | ${(pct(loaded, 95) / pct(idle, 95)).toFixed(1)}× | ${loaded.length} | ${rate.toFixed(1)} |`,
      );
    }
    console.log(`\n${lines.join('\n')}\n`);
  } finally {
    for (const s of servers) await s.stop();
    for (const d of databases) await dropDatabase(d);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
