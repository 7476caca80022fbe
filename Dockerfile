# syntax=docker/dockerfile:1
# The shop as one small image: Next.js' standalone server (output: 'standalone' in next.config.mjs).
# `docker compose up` (compose.yaml) runs it on PostgreSQL; README.md, "Self-hosting".
# tests/integration/deploy/standalone.test.ts replays the runner stage's COPY --from=build lines and
# starts the server the way CMD does, so what the image needs at run time is tested without docker.

FROM node:20-bookworm-slim AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

FROM base AS deps
COPY package.json package-lock.json ./
# npm ci runs `postinstall` (patch-package), which applies patches/ to node_modules/postgres.
COPY patches ./patches
RUN npm ci --no-audit --no-fund

FROM base AS build
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM base AS runner
ENV NODE_ENV=production \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    DATA_DIR=/app/.data \
    MALLOC_ARENA_MAX=2
# The server and its traced node_modules (the patched postgres.js included).
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
# Read at start by db/migrate.ts from $cwd/db/migrations. The trace copies them too today; this
# line keeps the image correct if a Next.js upgrade stops tracing a path built at run time.
COPY --from=build /app/db/migrations ./db/migrations
# Code stays root-owned and read-only to the server; only DATA_DIR (PGlite files, sandbox secrets) is writable.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The heap cap of `npm start` (README.md, "Running in production").
CMD ["node", "--max-old-space-size=192", "server.js"]
