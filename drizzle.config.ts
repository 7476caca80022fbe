import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this; the app applies db/migrations itself on start.
export default defineConfig({
  schema: './db/schema.ts',
  out: './db/migrations',
  dialect: 'postgresql',
  strict: true,
});
