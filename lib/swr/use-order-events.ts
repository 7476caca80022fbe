// The pay page's push channel: the order's event stream (GET /api/orders/{orderNo}/events) in the
// browser's own EventSource, so it costs no library. EventSource reconnects by itself after a
// break (the server's `retry`), and the poll covers the gap: onOpen(false) on every break.
import 'client-only';
import { useEffect, useRef } from 'react';

/** Listens while `active`; every `status` event's JSON goes to onStatus. No EventSource: nothing happens. */
export function useOrderEvents<T>(url: string, active: boolean, onStatus: (json: T) => void, onOpen: (open: boolean) => void): void {
  // The latest callback without reopening the stream on every render (the pay page ticks each second).
  const latest = useRef(onStatus);
  useEffect(() => {
    latest.current = onStatus;
  });
  useEffect(() => {
    if (!active || typeof EventSource === 'undefined') return;
    const source = new EventSource(url);
    source.onopen = () => onOpen(true);
    source.onerror = () => onOpen(false);
    source.addEventListener('status', (event) => latest.current(JSON.parse((event as MessageEvent<string>).data) as T));
    return () => {
      source.close();
      onOpen(false);
    };
  }, [url, active, onOpen]);
}
