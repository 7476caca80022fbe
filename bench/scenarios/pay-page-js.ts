// Pay page JavaScript: a cold load of /orders/{orderNo} in Chromium (fresh context, empty cache),
// summing what the network actually transferred for scripts (encoded, i.e. gzipped, body bytes).
import { chromium } from 'playwright';
import type { PendingOrder } from '../support/seed';
import type { Server } from '../support/servers';

export interface PayPageRun {
  scripts: number;
  /** Encoded (compressed) body bytes of all scripts. */
  transferred: number;
  /** Decoded bytes of the same scripts. */
  decoded: number;
  encodings: string[];
}

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function payPageJs(opts: { app: Server; order: PendingOrder }): Promise<PayPageRun> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const context = await browser.newContext();
    const eq = opts.order.cookie.indexOf('=');
    await context.addCookies([{ name: opts.order.cookie.slice(0, eq), value: opts.order.cookie.slice(eq + 1), url: opts.app.baseUrl }]);
    const page = await context.newPage();
    const scripts: Promise<{ transferred: number; decoded: number; encoding: string }>[] = [];
    page.on('requestfinished', (request) => {
      if (request.resourceType() !== 'script') return;
      scripts.push(
        (async () => {
          const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
          const body = response ? await response.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
          const encoding = (await response?.headerValue('content-encoding')) ?? 'identity';
          if (process.env.BENCH_DEBUG) console.log(request.url(), sizes.responseBodySize, body.length, encoding, response?.status());
          return { transferred: sizes.responseBodySize, decoded: body.length, encoding };
        })(),
      );
    });
    const res = await page.goto(`${opts.app.baseUrl}/orders/${opts.order.orderNo}`, { waitUntil: 'networkidle' });
    if (res?.status() !== 200) throw new Error(`pay page: ${res?.status()}`);
    await page
      .getByText(/scan|扫码|WeChat/i)
      .first()
      .waitFor();
    const done = await Promise.all(scripts);
    await context.close();
    return {
      scripts: done.length,
      transferred: done.reduce((s, d) => s + d.transferred, 0),
      decoded: done.reduce((s, d) => s + d.decoded, 0),
      encodings: [...new Set(done.map((d) => d.encoding))],
    };
  } finally {
    await browser.close();
  }
}
