// Starts the built app once for the whole run; the returned function is Playwright's teardown.
import { startAppServer } from '../support/app-server';
import { E2E_PORT } from './ports';

export default async function globalSetup() {
  const server = await startAppServer({ port: E2E_PORT, name: 'e2e' });
  return async () => {
    await server.stop();
  };
}
