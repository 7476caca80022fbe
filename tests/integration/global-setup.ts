import 'vitest';
import type { TestProject } from 'vitest/node';
import { startAppServer, type AppServer } from '../support/app-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    dataDir: string;
    secapiBaseUrl: string;
  }
}

let server: AppServer | undefined;

export async function setup(project: TestProject) {
  const port = Number(process.env.TEST_PORT ?? 3101);
  // Inside this suite's port range (TEST_PORT..+99), like every other server it starts.
  server = await startAppServer({ port, name: 'integration', env: { WXPAY_SANDBOX_TLS_PORT: String(port + 60) } });
  project.provide('baseUrl', server.baseUrl);
  project.provide('dataDir', server.dataDir);
  project.provide('secapiBaseUrl', server.secapiBaseUrl);
  project.provide('databaseUrl', server.databaseUrl ?? '');
}

export async function teardown() {
  await server?.stop();
}
