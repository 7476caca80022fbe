import createNextIntlPlugin from 'next-intl/plugin';

// next-intl reads its per-request configuration (locale, messages) from i18n/request.ts. No
// locale routing: the plugin only wires that file in; it adds no middleware and no rewrite.
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // `.next/standalone`: a self-contained server.js with only the node_modules it traces (Dockerfile).
  output: 'standalone',
  // PGlite loads its WebAssembly and data files from its own package directory at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres'],
  poweredByHeader: false,
  // No next/image anywhere: /_next/image (which fetches and re-encodes on request) answers 404.
  images: { unoptimized: true },
  // Types are checked by `npm run typecheck` (first step of `npm test`), not a second time here.
  typescript: { ignoreBuildErrors: true },
};

export default withNextIntl(nextConfig);
