// Starts the built app (`next start`) on its own port with a throwaway database: a fresh
// PostgreSQL database when DATABASE_URL is set, a fresh PGlite directory otherwise. Used by the
// integration suite's global setup and by Playwright's, so both drive the real server over HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { TEST_ENV } from './test-env';

export interface AppServer {
  baseUrl: string;
  databaseUrl?: string;
  /** The server's DATA_DIR, where the sandbox writes its certificates. */
  dataDir: string;
  /** The sandbox's TLS listener (/sandbox/secapi/**). */
  secapiBaseUrl: string;
  env: Record<string, string>;
  /** What the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The node arguments of `npm start`: the Node flags its script passes (the heap ceiling), then
 * `next start` on this port. Tests and the bench run the server as it ships.
 */
export function nextStartArgs(port: number): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { scripts: { start: string } };
  const match = /^node ((?:--\S+ )*)node_modules\/next\/dist\/bin\/next start$/.exec(scripts.start);
  if (!match) throw new Error(`package.json's start script is not "node [--flags] node_modules/next/dist/bin/next start": ${scripts.start}`);
  const flags = match[1].trim().split(' ').filter(Boolean);
  return [...flags, path.join(process.cwd(), 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'];
}

/** `databaseUrl`: share an existing PostgreSQL database (a second instance) instead of a fresh one. */
export async function startAppServer(opts: { port: number; env?: Record<string, string>; name: string; databaseUrl?: string }): Promise<AppServer> {
  // A server left over from an earlier, killed run would answer the health check in our place, and
  // the tests would then talk to its database while reading this one's.
  await assertPortFree(opts.port);
  const dataDir = mkdtempSync(path.join(tmpdir(), `wxstore-${opts.name}-`));
  const databaseUrl = opts.databaseUrl ?? (process.env.DATABASE_URL ? await createDatabase(process.env.DATABASE_URL, opts.name) : undefined);
  const env: Record<string, string> = {
    ...TEST_ENV,
    PORT: String(opts.port),
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...opts.env,
  };
  // PORT + 443 (the default) would land in other suites' port ranges; a free port never does.
  env.WXPAY_SANDBOX_TLS_PORT ??= String(await freePort());
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, NODE_ENV: 'production' };
  if (!databaseUrl) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, nextStartArgs(opts.port), {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (b: Buffer) => {
    output.push(b.toString());
    if (process.env.APP_LOG) process.stderr.write(`[${opts.name}] ${b}`);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  try {
    await waitUntilUp(baseUrl, child);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}\n--- server output ---\n${output.join('')}`);
  }
  return {
    baseUrl,
    databaseUrl,
    dataDir: env.DATA_DIR,
    secapiBaseUrl: `https://127.0.0.1:${env.WXPAY_SANDBOX_TLS_PORT}/sandbox`,
    env,
    output: () => output.join(''),
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${port} is already in use (a server left from an earlier run?); set TEST_PORT or stop it`) : err),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** A port nobody listens on now, for a server of a test's own beside the suite's. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(baseUrl: string, child: ChildProcess) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${baseUrl} did not come up within 90 s`);
}

/** SIGTERM, then SIGKILL after 5 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// Each run gets its own database on the given server, so runs never see each other's rows.
export async function createDatabase(adminUrl: string, name: string, prefix = 'wxstore'): Promise<string> {
  const url = new URL(adminUrl);
  const host = url.hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`Refusing to create test databases on non-local host ${host}`);
  }
  const dbName = `${prefix}_${name.replace(/\W/g, '_')}_${Date.now()}_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${dbName}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${dbName}`;
  return url.toString();
}
