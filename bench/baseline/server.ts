// The baseline: a bare node:http server with postgres.js, no framework, doing the same work as the
// shop's hot paths on the same schema (the throwaway database the app migrated, with its own rows).
// It is the practical ceiling of this machine; bench/run.ts states our numbers as ratios against it.
//
//   GET  /hello                      node:http alone ("hello"), to calibrate the machine
//   POST /users                      {username} → a user row and the same HS256 session cookie the app sets
//   POST /orders                     checkout: the app's reservation transaction (user lock, pending cap,
//                                    conditional stock UPDATE, order + items INSERT), without unifiedorder
//   GET  /orders/:orderNo/status     cookie check (HS256 JWT, node:crypto) + one indexed SELECT
//   GET  /orders/:orderNo/events     the same as Server-Sent Events, fanned out from one LISTEN
//   POST /notify?variant=tx|cte      parse XML, verify HMAC-SHA256 (lib/wechatpay), then
//                                    tx:  BEGIN; conditional UPDATE; (SELECT to judge); pay-log INSERT; COMMIT
//                                    cte: the UPDATE and the INSERT in one statement (one round trip)
//
// Started by bench/run.ts as its own process: `tsx bench/baseline/server.ts` with DATABASE_URL, PORT,
// SESSION_SECRET and the merchant's WXPAY_APPID / WXPAY_MCH_ID / WXPAY_KEY in the environment.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import postgres from 'postgres';
import { newOrderNo } from '@/lib/orders/order-no';
import { MAX_XML_BYTES, notifyReply, parseNotify, type NotifyExpectation, type WxFields } from '@/lib/wechatpay';

const env = process.env;
const PORT = Number(env.PORT ?? 3171);
const POOL = Number(env.BASELINE_POOL ?? 10);
const ORDER_TTL_MS = Number(env.ORDER_TTL_SECONDS ?? 900) * 1000;
const MAX_PENDING_ORDERS = 20;
const SECRET = Buffer.from(env.SESSION_SECRET ?? '', 'utf8');
if (!env.DATABASE_URL || SECRET.length < 32) throw new Error('baseline: DATABASE_URL and SESSION_SECRET are required');
const expectation: NotifyExpectation = {
  appid: env.WXPAY_APPID!,
  mchId: env.WXPAY_MCH_ID!,
  key: env.WXPAY_KEY!,
  signType: (env.WXPAY_SIGN_TYPE as NotifyExpectation['signType']) ?? 'HMAC-SHA256',
};

const sql = postgres(env.DATABASE_URL, { max: POOL, onnotice: () => {} });

// ---------------------------------------------------------------------------------------------
// Session cookie: the app's token format (HS256 JWT: sub = user id, username, role, iat, exp).
// ---------------------------------------------------------------------------------------------

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const HEADER = b64url(JSON.stringify({ alg: 'HS256' }));

function signToken(user: { id: number; username: string }): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = b64url(JSON.stringify({ username: user.username, role: 'shopper', sub: String(user.id), iat: now, exp: now + 7 * 24 * 3600 }));
  const signature = createHmac('sha256', SECRET).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${signature}`;
}

function readToken(cookieHeader: string | undefined): { id: number } | null {
  if (!cookieHeader) return null;
  const match = /(?:^|;\s*)session=([^;]*)/.exec(cookieHeader);
  if (!match) return null;
  const parts = match[1].split('.');
  if (parts.length !== 3) return null;
  const expected = createHmac('sha256', SECRET).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    if (header?.alg !== 'HS256') return null;
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof payload?.exp !== 'number' || payload.exp <= Math.floor(Date.now() / 1000)) return null;
    const id = Number(payload.sub);
    return Number.isSafeInteger(id) ? { id } : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------------

type Reply = { status: number; body: string; type?: string; headers?: Record<string, string> };
const json = (status: number, value: unknown, headers?: Record<string, string>): Reply => ({ status, body: JSON.stringify(value), headers });

type StatusJson = { orderNo: string; status: string; totalFee: number; paidAt: Date | null; expiresAt: Date };

async function readStatus(orderNo: string, userId: number): Promise<StatusJson | undefined> {
  const [order] = await sql`
    select order_no, status, total_fee, paid_at, expires_at, created_at from orders
    where order_no = ${orderNo} and user_id = ${userId}`;
  // (The app would ask WeChat here for a pending order older than 2 minutes; the bench's orders are young.)
  return order && { orderNo: order.order_no, status: order.status, totalFee: order.total_fee, paidAt: order.paid_at, expiresAt: order.expires_at };
}

async function status(orderNo: string, cookie: string | undefined): Promise<Reply> {
  const user = readToken(cookie);
  if (!user) return json(401, { error: 'Sign in first' });
  const order = await readStatus(orderNo, user.id);
  if (!order) return json(404, { error: 'Order not found' });
  return json(200, order, { 'cache-control': 'no-store' });
}

// ---------------------------------------------------------------------------------------------
// Event stream: the app's push on bare node:http, with the same fan-out (one LISTEN, a map from
// order to open streams, a re-read on each notification and on every reconnect, one keep-alive
// timer for all streams).
// ---------------------------------------------------------------------------------------------

const watchers = new Map<string, Set<() => void>>();
const openStreams = new Set<http.ServerResponse>();
const listening = sql.listen(
  'order_status',
  (orderNo) => watchers.get(orderNo)?.forEach((w) => w()),
  () => watchers.forEach((set) => set.forEach((w) => w())),
);
setInterval(() => openStreams.forEach((res) => res.write(': keep-alive\n\n')), 15_000).unref();

async function events(req: http.IncomingMessage, res: http.ServerResponse, orderNo: string): Promise<void> {
  const user = readToken(req.headers.cookie);
  const refuse = (code: number, error: string) => {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error }));
  };
  if (!user) return refuse(401, 'Sign in first');
  await listening;
  let sent: string | undefined;
  let dirty = false;
  let reading: Promise<void> | null = null;
  let set = watchers.get(orderNo);
  if (!set) watchers.set(orderNo, (set = new Set()));
  const stop = () => {
    set.delete(read);
    if (set.size === 0) watchers.delete(orderNo);
    openStreams.delete(res);
  };
  function read(): Promise<void> {
    dirty = true;
    reading ??= (async () => {
      while (dirty && !res.destroyed) {
        dirty = false;
        const order = await readStatus(orderNo, user!.id);
        if (!order) return refuse(404, 'Order not found');
        if (order.status === sent) continue;
        if (sent === undefined) {
          res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' });
          res.write('retry: 3000\n\n');
          openStreams.add(res);
        }
        sent = order.status;
        res.write(`event: status\nid: ${order.status}\ndata: ${JSON.stringify(order)}\n\n`);
        if (order.status !== 'pending') res.end();
      }
    })().finally(() => {
      reading = null;
      if (res.writableEnded || res.destroyed) stop();
    });
    return reading;
  }
  set.add(read);
  res.on('close', stop);
  await read();
}

async function createUser(body: string): Promise<Reply> {
  const { username } = JSON.parse(body) as { username: string };
  const [user] = await sql`insert into users (username, password_hash) values (${username}, 'baseline: no sign-in') returning id`;
  return json(201, { id: user.id }, { 'set-cookie': `session=${signToken({ id: user.id, username })}; Path=/; HttpOnly; SameSite=lax` });
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function checkout(body: string, cookie: string | undefined): Promise<Reply> {
  const user = readToken(cookie);
  if (!user) return json(401, { error: 'Sign in first' });
  const { items } = JSON.parse(body) as { items: { productId: number; quantity: number }[] };
  const lines = [...items].sort((a, b) => a.productId - b.productId);
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const expiresAt = new Date(now.getTime() + ORDER_TTL_MS);
  try {
    const order = await sql.begin(async (tx) => {
      await tx`select id from users where id = ${user.id} for update`;
      const [{ pending }] = await tx`select count(*)::int as pending from orders where user_id = ${user.id} and status = 'pending'`;
      if (pending >= MAX_PENDING_ORDERS) throw new Refusal(429, 'too many unpaid orders');
      const reserved: { productId: number; name: string; priceFen: number; quantity: number }[] = [];
      for (const line of lines) {
        const [product] = await tx`
          update products set stock = stock - ${line.quantity}
          where id = ${line.productId} and stock >= ${line.quantity} and archived_at is null
          returning name_zh as name, price_fen`;
        if (!product) throw new Refusal(409, 'out of stock');
        reserved.push({ productId: line.productId, name: product.name, priceFen: product.price_fen, quantity: line.quantity });
      }
      const totalFee = reserved.reduce((sum, l) => sum + l.priceFen * l.quantity, 0);
      const [created] = await tx`
        insert into orders (order_no, user_id, total_fee, description, payment_env, created_at, expires_at)
        values (${newOrderNo(now)}, ${user.id}, ${totalFee}, ${reserved.map((l) => l.name).join(', ')}, 'sandbox', ${now}, ${expiresAt})
        returning id, order_no`;
      await tx`insert into order_items ${tx(reserved.map((l) => ({ order_id: created.id, product_id: l.productId, name: l.name, price_fen: l.priceFen, quantity: l.quantity })))}`;
      return { orderNo: created.order_no as string, totalFee };
    });
    return json(201, { ...order, expiresAt, status: 'pending' });
  } catch (err) {
    if (err instanceof Refusal) return json(err.status, { error: err.message });
    throw err;
  }
}

const xmlReply = (code: 'SUCCESS' | 'FAIL', msg: string, status = 200): Reply => ({ status, body: notifyReply(code, msg), type: 'text/xml; charset=utf-8' });

async function notify(body: string, variant: string): Promise<Reply> {
  let result;
  try {
    result = parseNotify(body, expectation);
  } catch {
    await logRejected({ unparsed: body.slice(0, 2048) }, 'not XML');
    return xmlReply('FAIL', 'not XML');
  }
  if (!result.ok) {
    await logRejected(result.fields, result.reason);
    return xmlReply('FAIL', result.reason);
  }
  const n = result.notification;
  const paidAt = n.paidAt ?? new Date();
  const verdict =
    variant === 'cte'
      ? ((await notifyCte(n.outTradeNo, n.transactionId, n.totalFee, paidAt, n.raw)) ??
        (await notifyTx(n.outTradeNo, n.transactionId, n.totalFee, paidAt, n.raw)))
      : await notifyTx(n.outTradeNo, n.transactionId, n.totalFee, paidAt, n.raw);
  return verdict === 'rejected' ? xmlReply('FAIL', 'no such order') : xmlReply('SUCCESS', 'OK');
}

/** BEGIN; UPDATE … WHERE status = 'pending'; (SELECT to judge); INSERT pay log; COMMIT. */
async function notifyTx(orderNo: string, transactionId: string, totalFee: number, paidAt: Date, raw: WxFields): Promise<string> {
  return sql.begin(async (tx) => {
    const moved = await tx`
      update orders set status = 'paid', transaction_id = ${transactionId}, paid_at = ${paidAt}
      where order_no = ${orderNo} and status = 'pending' and total_fee = ${totalFee} returning id`;
    let verdict = 'applied';
    if (moved.length === 0) {
      const [order] = await tx`select status, total_fee, transaction_id from orders where order_no = ${orderNo}`;
      verdict = !order
        ? 'rejected'
        : order.total_fee !== totalFee
          ? 'anomaly'
          : order.status === 'paid' && order.transaction_id === transactionId
            ? 'duplicate'
            : 'anomaly';
    }
    await tx`
      insert into pay_logs (order_no, transaction_id, total_fee, trade_state, source, verdict, raw)
      values (${orderNo}, ${transactionId}, ${totalFee}, 'SUCCESS', 'notify', ${verdict}, ${sql.json(raw)})`;
    return verdict;
  });
}

/**
 * One statement, one round trip: the conditional UPDATE and the pay-log INSERT with the verdict
 * decided in SQL. The judging SELECT sees the statement's snapshot, so an order that still looks
 * pending there (a concurrent transition in flight) is left to the transaction (undefined).
 */
async function notifyCte(orderNo: string, transactionId: string, totalFee: number, paidAt: Date, raw: WxFields): Promise<string | undefined> {
  const [row] = await sql`
    with moved as (
      update orders set status = 'paid', transaction_id = ${transactionId}, paid_at = ${paidAt}
      where order_no = ${orderNo} and status = 'pending' and total_fee = ${totalFee}
      returning id
    ), cur as (
      select status, total_fee, transaction_id from orders where order_no = ${orderNo}
    ), decided as (
      select case
        when exists (select 1 from moved) then 'applied'
        when cur.status is null then 'rejected'
        when cur.total_fee <> ${totalFee} then 'anomaly'
        when cur.status = 'paid' and cur.transaction_id = ${transactionId} then 'duplicate'
        when cur.status = 'pending' then null
        else 'anomaly'
      end as verdict
      from (select 1) one left join cur on true
    )
    insert into pay_logs (order_no, transaction_id, total_fee, trade_state, source, verdict, raw)
    select ${orderNo}, ${transactionId}, ${totalFee}, 'SUCCESS', 'notify', verdict, ${sql.json(raw)}
    from decided where verdict is not null
    returning verdict`;
  return row?.verdict;
}

async function logRejected(raw: WxFields, detail: string) {
  await sql`
    insert into pay_logs (order_no, trade_state, source, verdict, detail, raw)
    values (${raw.out_trade_no?.slice(0, 64) ?? null}, 'PAYERROR', 'notify', 'rejected', ${detail}, ${sql.json(raw)})`;
}

// ---------------------------------------------------------------------------------------------
// node:http
// ---------------------------------------------------------------------------------------------

const STATUS_PATH = /^\/orders\/([^/]+)\/status$/;

function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function route(req: http.IncomingMessage): Promise<Reply> {
  const url = req.url ?? '/';
  if (req.method === 'GET') {
    if (url === '/hello') return { status: 200, body: 'hello', type: 'text/plain' };
    const m = STATUS_PATH.exec(url);
    if (m) return status(decodeURIComponent(m[1]), req.headers.cookie);
  } else if (req.method === 'POST') {
    const body = await readBody(req, MAX_XML_BYTES);
    if (body === null) return xmlReply('FAIL', 'body larger than 64 KB', 413);
    if (url.startsWith('/notify')) return notify(body, url.endsWith('variant=cte') ? 'cte' : 'tx');
    if (url === '/orders') return checkout(body, req.headers.cookie);
    if (url === '/users') return createUser(body);
  }
  return json(404, { error: 'not found' });
}

const EVENTS_PATH = /^\/orders\/([^/]+)\/events$/;

const server = http.createServer((req, res) => {
  const stream = req.method === 'GET' ? EVENTS_PATH.exec(req.url ?? '') : null;
  if (stream) {
    events(req, res, decodeURIComponent(stream[1])).catch((err) => {
      console.error(err);
      res.destroy();
    });
    return;
  }
  route(req).then(
    (reply) => {
      res.writeHead(reply.status, { 'content-type': reply.type ?? 'application/json', ...reply.headers });
      res.end(reply.body);
    },
    (err) => {
      console.error(err);
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"Internal error"}');
    },
  );
});
server.keepAliveTimeout = 65_000;
server.listen(PORT, '127.0.0.1', () => console.log(`baseline listening on 127.0.0.1:${PORT}`));

const stop = () => server.close(() => void sql.end({ timeout: 2 }).then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
