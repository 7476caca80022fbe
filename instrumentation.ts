// Runs once when a server instance starts, before it serves a request: a bad environment stops
// the server here with the variable's name, migrations are applied, background timers start.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./lib/server/start');
  await startServer();
  const { recordPeerAddress } = await import('./app/_server/client-ip');
  recordPeerAddress();
}
