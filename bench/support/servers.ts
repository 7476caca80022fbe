// Throwaway databases and the two servers under test: the built app (`next start`, production) and
// the bare baseline (bench/baseline/server.ts), each in its own process, listening on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { createDatabase as createTestDatabase, nextStartArgs, stopChild } from '@/tests/support/app-server';
import { TEST_ENV } from '@/tests/support/test-env';

/**
 * The bench's fake merchant and session secrets (the integration suite's, so notifies can be signed),
 * and glibc's malloc limited to two arenas as README → Deploying recommends (scrypt on libuv's
 * threads otherwise leaves ~90 MB of per-thread arenas resident).
 */
export const BENCH_ENV = { ...TEST_ENV, SWEEP_INTERVAL_SECONDS: '0', WXPAY_SANDBOX_TIME_SCALE: '1', MALLOC_ARENA_MAX: '2' } as Record<string, string>;

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5433/postgres';

export interface Server {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a fresh database per run (and per sweep), dropped at the end.
// ---------------------------------------------------------------------------------------------

export const createDatabase = (name: string) => createTestDatabase(ADMIN_URL, name, 'wxbench');

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const dbName = new URL(databaseUrl).pathname.slice(1);
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  } finally {
    await admin.end();
  }
}

export async function serverVersion(): Promise<string> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    const [{ server_version }] = await admin`show server_version`;
    return server_version;
  } finally {
    await admin.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------

function launch(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: string[] } {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (b: Buffer) => {
    output.push(b.toString());
    if (output.length > 2000) output.splice(0, 1000);
    if (process.env.APP_LOG) process.stderr.write(`[${name}] ${b}`);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, output };
}

async function waitUntilUp(url: string, child: ChildProcess, output: string[]) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: exited with code ${child.exitCode}\n${output.join('')}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${url} did not come up within 90 s\n${output.join('')}`);
}

async function assertPortFree(port: number) {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
  } catch {
    return;
  }
  throw new Error(`port ${port} is already in use; pass other ports (BENCH_PORT_BASE)`);
}

/**
 * The built app as `npm start` runs it (requires a fresh `next build`); `heapMb` replaces the start
 * script's heap ceiling (a flag on the command line, which NODE_OPTIONS cannot override).
 */
export async function startApp(opts: { name: string; port: number; databaseUrl: string; env?: Record<string, string>; heapMb?: number }): Promise<Server> {
  await assertPortFree(opts.port);
  const dataDir = mkdtempSync(path.join(tmpdir(), `wxbench-${opts.name}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...BENCH_ENV,
    PORT: String(opts.port),
    DATA_DIR: dataDir,
    DATABASE_URL: opts.databaseUrl,
    NODE_ENV: 'production',
    ...opts.env,
  };
  const args = nextStartArgs(opts.port).map((a) => (opts.heapMb && a.startsWith('--max-old-space-size=') ? `--max-old-space-size=${opts.heapMb}` : a));
  const { child, output } = launch(opts.name, process.execPath, args, env);
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  await waitUntilUp(`${baseUrl}/api/health`, child, output);
  return {
    baseUrl,
    pid: child.pid!,
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The bare node:http + postgres.js server, on the database the app migrated. */
export async function startBaseline(opts: { port: number; databaseUrl: string }): Promise<Server> {
  await assertPortFree(opts.port);
  const env: NodeJS.ProcessEnv = { ...process.env, ...BENCH_ENV, PORT: String(opts.port), DATABASE_URL: opts.databaseUrl, NODE_ENV: 'production' };
  const tsx = path.join(process.cwd(), 'node_modules/tsx/dist/cli.mjs');
  const { child, output } = launch('baseline', process.execPath, [tsx, path.join(process.cwd(), 'bench/baseline/server.ts')], env);
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  await waitUntilUp(`${baseUrl}/hello`, child, output);
  return { baseUrl, pid: child.pid!, stop: () => stopChild(child) };
}

// ---------------------------------------------------------------------------------------------
// Memory: resident set of a process and all its descendants (next start may fork), from /proc.
// ---------------------------------------------------------------------------------------------

function descendants(pid: number): number[] {
  const out = [pid];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const c of children ? children.split(/\s+/) : []) out.push(...descendants(Number(c)));
    }
  } catch {
    // gone
  }
  return out;
}

/** CPU seconds (user + system) used so far by a process and its descendants, from /proc. */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of descendants(pid)) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}

export function rssBytes(pid: number): number {
  let total = 0;
  for (const p of descendants(pid)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

/** Samples the RSS every 100 ms until stopped; returns the peak and the last sample. */
export function sampleRss(pid: number): () => number {
  let peak = 0;
  const tick = () => {
    peak = Math.max(peak, rssBytes(pid));
  };
  tick();
  const timer = setInterval(tick, 100);
  return () => {
    clearInterval(timer);
    tick();
    return peak;
  };
}
