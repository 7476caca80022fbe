// The Docker image's runtime, checked without a docker engine: the runner stage's
// `COPY --from=build` lines are replayed from this checkout's build into an empty temporary
// directory, the server is started there with the stage's ENV and CMD, and its HEALTHCHECK is run.
// So a file the server reads at run time but the Dockerfile forgets fails here. What this cannot
// check: the deps and build stages themselves (npm ci, next build inside node:20), which only
// `docker build` runs (.ci/run does when an engine is available).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, stopChild } from '../../support/app-server';
import { ApiClient, uniqueName, waitFor } from '../../support/api';
import { openEventStream } from '../../support/event-stream';

const root = process.cwd();
const PORT = Number(process.env.TEST_PORT ?? 3101) + 35;
const baseUrl = `http://127.0.0.1:${PORT}`;
const IMAGE_WORKDIR = '/app';

/** The runner stage of the Dockerfile, continuation lines joined. */
function runnerStage(): string[] {
  const lines = readFileSync(path.join(root, 'Dockerfile'), 'utf8')
    .replace(/\\\n\s*/g, ' ')
    .split('\n');
  const start = lines.findIndex((line) => /^FROM \S+ AS runner$/.test(line));
  if (start < 0) throw new Error('Dockerfile has no "FROM … AS runner" stage');
  const end = lines.findIndex((line, i) => i > start && line.startsWith('FROM '));
  return lines.slice(start, end < 0 ? undefined : end);
}

const inImage = (p: string) => path.posix.resolve(IMAGE_WORKDIR, p);
/** An image path (under WORKDIR) as a path in `dir`. */
const mapped = (dir: string, imagePath: string) => path.join(dir, path.posix.relative(IMAGE_WORKDIR, inImage(imagePath)));
const execForm = (stage: string[], instruction: RegExp) => {
  const line = stage.find((l) => instruction.test(l));
  if (!line) throw new Error(`runner stage has no ${instruction}`);
  return JSON.parse(line.replace(instruction, '')) as string[];
};

const stage = runnerStage();
const copies = stage.flatMap((line) => {
  const match = /^COPY --from=build (\S+) (\S+)$/.exec(line);
  return match ? [{ from: match[1], to: match[2] }] : [];
});
const imageEnv = Object.fromEntries(
  stage.flatMap((line) => (line.startsWith('ENV ') ? [...line.slice(4).matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]) : [])),
);
const cmd = execForm(stage, /^CMD /);
const healthcheck = execForm(stage, /^HEALTHCHECK .*?CMD /);

let appDir: string;
let databaseUrl: string | undefined;
let server: ChildProcess;
const output: string[] = [];

beforeAll(async () => {
  if (!existsSync(path.join(root, '.next/standalone/server.js'))) {
    throw new Error('.next/standalone/server.js is missing: run `npm run build` first (next.config.mjs must keep output: "standalone")');
  }
  appDir = mkdtempSync(path.join(tmpdir(), 'wxstore-standalone-'));
  for (const { from, to } of copies) {
    // The build stage's WORKDIR is /app too, holding the checkout. Links stay as written, as
    // COPY keeps them (the trace links hashed external module names to node_modules/).
    cpSync(mapped(root, from), mapped(appDir, to), { recursive: true, verbatimSymlinks: true });
  }
  databaseUrl = process.env.DATABASE_URL ? await createDatabase(process.env.DATABASE_URL, 'standalone') : undefined;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    // The image's ENV sets it too; named here because Next's types make it required.
    NODE_ENV: 'production',
    ...Object.fromEntries(Object.entries(imageEnv).map(([k, v]) => [k, v.startsWith('/') ? mapped(appDir, v) : v])),
    PORT: String(PORT),
    // The image listens on 0.0.0.0; here only the loopback is needed.
    HOSTNAME: '127.0.0.1',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  expect(cmd[0]).toBe('node');
  server = spawn(process.execPath, cmd.slice(1), { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (b: Buffer) => output.push(b.toString()));
  server.stderr!.on('data', (b: Buffer) => output.push(b.toString()));
  try {
    await waitFor(
      async () => {
        if (server.exitCode !== null) throw new Error(`server.js exited with code ${server.exitCode}`);
        return fetch(`${baseUrl}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
      },
      60_000,
      200,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- server output ---\n${output.join('')}`);
  }
});

afterAll(async () => {
  if (server) await stopChild(server);
  if (appDir) rmSync(appDir, { recursive: true, force: true });
});

function runHealthcheck() {
  expect(healthcheck[0]).toBe('node');
  return spawnSync(process.execPath, healthcheck.slice(1), { env: { NODE_ENV: 'production', PORT: String(PORT) }, timeout: 10_000 }).status;
}

describe('the standalone server, laid out as the Docker image', () => {
  it('is built from the standalone output, static assets, public files and migrations only', () => {
    expect(copies.map((c) => c.from)).toEqual(expect.arrayContaining(['/app/.next/standalone', '/app/.next/static', '/app/public']));
    expect(existsSync(path.join(appDir, 'db/migrations/meta/_journal.json'))).toBe(true);
    expect(existsSync(path.join(appDir, 'node_modules/next'))).toBe(true);
    const links = readdirSync(appDir, { recursive: true, withFileTypes: true }).filter((e) => e.isSymbolicLink());
    for (const link of links) {
      const target = realpathSync(path.join(link.parentPath, link.name));
      expect(target.startsWith(appDir + path.sep), `${link.name} -> ${target}`).toBe(true);
    }
  });

  it('passes the image HEALTHCHECK', async () => {
    expect(await (await fetch(`${baseUrl}/api/health`)).json()).toEqual({ ok: true });
    expect(runHealthcheck()).toBe(0);
  });

  it('applied every migration on start', async () => {
    const journal = JSON.parse(readFileSync(path.join(appDir, 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(journal.entries.length).toBeGreaterThan(0);
    if (!databaseUrl) {
      // PGlite is held by the server's process; the seeded catalogue below shows the tables exist.
      return;
    }
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const [{ count }] = await sql<{ count: number }[]>`select count(*)::int as count from drizzle.__drizzle_migrations`;
      expect(count).toBe(journal.entries.length);
    } finally {
      await sql.end();
    }
  });

  it('serves the seeded catalogue, a page, its static assets and public images', async () => {
    const products = (await (await fetch(`${baseUrl}/api/products`)).json()) as { name: string; imageUrl: string }[];
    expect(products.length).toBeGreaterThan(0);

    const page = await fetch(`${baseUrl}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#x27;').replace(/"/g, '&quot;');
    expect(html).toContain(escaped(products[0].name));

    const script = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(script, 'the page links a script under /_next/static').toBeDefined();
    expect((await fetch(`${baseUrl}${script}`)).status).toBe(200);

    const image = await fetch(`${baseUrl}${products[0].imageUrl}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\//);
  });

  it('takes an order and a payment through its own sandbox at 127.0.0.1:$PORT', async () => {
    const shopper = new ApiClient(baseUrl);
    expect((await shopper.post('/api/users', { username: uniqueName(), password: 'correct horse battery' })).status).toBe(201);
    const product = ((await (await fetch(`${baseUrl}/api/products`)).json()) as { id: number; stock: number }[]).find((p) => p.stock > 0)!;
    const shipping = { name: 'Han Meimei', phone: '13900139000', address: '2 Huaihai Road, Shanghai' };
    const order = await shopper.post('/api/orders', { items: [{ productId: product.id, quantity: 1 }], shipping });
    expect(order.status, order.text).toBe(201);
    const token = new URL(order.body.codeUrl).searchParams.get('pr')!;
    // The pay page's event stream, answered by node:http before Next in the image's server.js too.
    const stream = await openEventStream(`${baseUrl}/api/orders/${order.body.orderNo}/events`, { cookie: shopper.cookie! });
    expect(stream.headers.get('vary')).toBeNull();
    expect(JSON.parse((await stream.next(5000)).data).status).toBe('pending');

    const paid = await fetch(`${baseUrl}/sandbox/scan/${token}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(paid.status).toBe(200);
    // The sandbox delivers the notify to WXPAY_NOTIFY_URL's default, the server itself.
    await waitFor(async () => (await shopper.get(`/api/orders/${order.body.orderNo}/status`)).body.status === 'paid', 20_000, 200);
    expect(JSON.parse((await stream.next(5000)).data).status).toBe('paid');
    await stream.ended();
  });

  it('fails the HEALTHCHECK once the server is gone', async () => {
    await stopChild(server);
    expect(runHealthcheck()).not.toBe(0);
  });
});
