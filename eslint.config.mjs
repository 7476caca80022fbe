import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import drizzle from 'eslint-plugin-drizzle';

// The names this code gives a drizzle handle: `getDb()`, `const db = getDb()`, a transaction's `tx`,
// and `executor` (a Db or a Tx passed in). An update or delete on any of them must carry a where().
const drizzleObjectName = ['db', 'tx', 'getDb', 'getSandboxDb', 'executor'];

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    plugins: { drizzle },
    rules: {
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName }],
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName }],
      // `import type` for what is only a type: such an import is erased, so a client component can name a server module's types
      // without pulling the module (and `server-only`) into the browser bundle.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // A leading underscore names what is deliberately unused: an omitted key in `const { secret: _, ...rest }`, a skipped parameter.
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Off: the seed images are SVGs (which next/image does not optimise) and uploads are size-capped rasters served from the
      // database by our own route with its own cache headers; the optimiser would add a second image cache for no gain.
      '@next/next/no-img-element': 'off',
    },
  },
  {
    // The test HTTP client hands back parsed JSON the assertions then probe; typing each reply adds nothing the assertions don't check.
    files: ['tests/support/api.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  globalIgnores(['.next/**', '.data/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'db/migrations/**', 'public/**', 'next-env.d.ts']),
]);
