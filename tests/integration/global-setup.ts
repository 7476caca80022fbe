import 'vitest';
import type { TestProject } from 'vitest/node';
import { startAppServer, type AppServer } from '../support/app-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
  }
}

let server: AppServer | undefined;

export async function setup(project: TestProject) {
  server = await startAppServer({ port: Number(process.env.TEST_PORT ?? 3101), name: 'integration' });
  project.provide('baseUrl', server.baseUrl);
  project.provide('databaseUrl', server.databaseUrl ?? '');
}

export async function teardown() {
  await server?.stop();
}
