// One LISTEN per instance for every open event stream: a map from order number to the streams
// watching it, fed by one listening connection (postgres.js on DATABASE_LISTEN_URL or
// DATABASE_URL, or the embedded PGlite). No stream holds a connection or polls the database; a
// stream re-reads its order only when told the order may have changed. Cached on globalThis like
// the database handle, since Next bundles each route separately.
import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { getDatabase } from '@/db';
import { getEnv } from '@/lib/env';
import { inParallel } from '@/lib/in-parallel';
import { log } from '@/lib/log';
import { ordersDueForQuery } from '../get-order-status';
import { ORDER_STATUS_CHANNEL } from './notify-order-status';

/** The listening connection's application_name in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'wxstore-order-status-listener';

/** How often the instance looks for streamed orders a poll would now ask WeChat about (its throttle). */
const DUE_CHECK_MS = 10_000;

/**
 * How many of those re-reads (each an orderquery) run at once. Thousands of pay pages opened in
 * one burst come due in the same check: all at once they were thousands of concurrent calls to
 * WeChat, and measured here they filled the server's accept queue until it refused connections.
 */
const DUE_CONCURRENCY = 8;

/** Settles when the re-read it started is done. */
type Watcher = () => Promise<void> | void;

interface Listener {
  watchers: Map<string, Set<Watcher>>;
  /** Settles once LISTEN is in place; a rejection lets the next watch try again. */
  listening: Promise<unknown>;
}

const globalForListener = globalThis as unknown as { __orderStatusListener?: Listener };

/**
 * Calls `onChange` whenever the order may have changed, from the moment the returned promise
 * settles (LISTEN is then in place) until the returned function is called.
 */
export async function watchOrder(orderNo: string, onChange: Watcher): Promise<() => void> {
  const listener = (globalForListener.__orderStatusListener ??= startListening());
  try {
    await listener.listening;
  } catch (err) {
    if (globalForListener.__orderStatusListener === listener) delete globalForListener.__orderStatusListener;
    throw err;
  }
  const { watchers } = listener;
  let set = watchers.get(orderNo);
  if (!set) watchers.set(orderNo, (set = new Set()));
  set.add(onChange);
  return () => {
    set.delete(onChange);
    if (set.size === 0 && watchers.get(orderNo) === set) watchers.delete(orderNo);
  };
}

/** Open watches on this instance (the sandbox's stream stats, for tests and the bench). */
export function watchCount(): number {
  let n = 0;
  for (const set of globalForListener.__orderStatusListener?.watchers.values() ?? []) n += set.size;
  return n;
}

function startListening(): Listener {
  const watchers = new Map<string, Set<Watcher>>();
  const changed = (orderNo: string) => watchers.get(orderNo)?.forEach((w) => void w());
  // postgres.js calls this on every (re)connect: a notification sent while the connection was down
  // is lost, so every watched order is re-read once.
  const relisten = () => watchers.forEach((set) => set.forEach((w) => void w()));
  // A pay page with its stream open no longer polls, and the poll is what asks WeChat about an old
  // order whose notify may be lost: one query per instance finds the streamed orders due for that
  // question, and only their streams re-read (the re-read is the status route's, query included),
  // DUE_CONCURRENCY at a time; the next check starts after the last of them.
  const checkDue = async () => {
    try {
      const due = watchers.size > 0 ? await ordersDueForQuery([...watchers.keys()]) : [];
      await inParallel(due, DUE_CONCURRENCY, async (orderNo) => {
        await Promise.all([...(watchers.get(orderNo) ?? [])].map((w) => w()));
      });
    } catch (err) {
      log.error({ err }, 'event stream due-order check failed');
    }
    setTimeout(checkDue, DUE_CHECK_MS).unref();
  };
  setTimeout(checkDue, DUE_CHECK_MS).unref();
  const database = getDatabase();
  if (database.kind === 'pglite') {
    return { watchers, listening: (database.client as PGlite).listen(ORDER_STATUS_CHANNEL, changed) };
  }
  const env = getEnv();
  // A session connection of its own: through a transaction pooler LISTEN silently receives nothing.
  const client = postgres(env.DATABASE_LISTEN_URL ?? env.DATABASE_URL!, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: LISTENER_APPLICATION_NAME },
  });
  return { watchers, listening: client.listen(ORDER_STATUS_CHANNEL, changed, relisten) };
}
