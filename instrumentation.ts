// Runs once when a server instance starts, before it serves a request: a bad environment stops
// the server here with the variable's name, migrations are applied, background timers start.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Before anything is served: every request's X-Forwarded-For must end with its socket's peer.
  const { recordPeerAddress } = await import('./app/_server/client-ip');
  recordPeerAddress();
  const { startServer } = await import('./lib/server/start');
  await startServer();
}
