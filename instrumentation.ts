// Runs once when a server instance starts, before it serves a request: a bad environment stops
// the server here with the variable's name, migrations are applied, background timers start.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Before anything is served: every request's X-Forwarded-For must end with its socket's peer.
  const { recordPeerAddress } = await import('./app/_server/client-ip');
  recordPeerAddress();
  const { startServer } = await import('./lib/server/start');
  const env = await startServer();
  if (env.EVENT_STREAMS === 'node') {
    const { serveOrderEventsBeforeNext } = await import('./app/_server/order-events-server');
    serveOrderEventsBeforeNext();
  }
  if (env.WXPAY_MODE === 'sandbox') {
    // Wired here, not in lib/server, so the shop has no import edge into the sandbox; loaded only
    // in sandbox mode, so a live server never runs sandbox code.
    const { startSandbox } = await import('./lib/sandbox/start');
    await startSandbox(env);
  }
}
