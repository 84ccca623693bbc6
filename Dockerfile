# Gemini Balance (TypeScript). Build: docker build -t gemini-balance-ts .
# Run:   docker run -d -p 8000:8000 -v gb-data:/app/data -e AUTH_TOKEN=your-password gemini-balance-ts
# tests/docker/dockerfile.test.ts replays these steps without Docker (the test machines have no engine).
ARG BUN_VERSION=1.4.5

# 1. Every dependency, for building the dashboard. Lifecycle scripts are skipped here: the
#    project's postinstall builds the dashboard, and the sources are not copied yet.
FROM oven/bun:${BUN_VERSION}-slim AS install
WORKDIR /app
COPY package.json bun.lock bunfig.toml ./
RUN bun install --frozen-lockfile --ignore-scripts

# 2. The dashboard: web/dist/client (index.html and hashed assets).
FROM install AS build
COPY web ./web
COPY scripts/build-web.ts ./scripts/build-web.ts
RUN bun scripts/build-web.ts

# 3. Only what the server needs at run time (no Vite, no test tools).
FROM oven/bun:${BUN_VERSION}-slim AS prod-deps
WORKDIR /app
COPY package.json bun.lock bunfig.toml ./
RUN bun install --frozen-lockfile --production --ignore-scripts

# 4. The image: the server, its migrations, the recovery scripts and the built dashboard.
FROM oven/bun:${BUN_VERSION}-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json bunfig.toml tsconfig.json ./
COPY server ./server
COPY db ./db
COPY scripts ./scripts
COPY --from=build /app/web/dist/client ./web/dist/client
# The SQLite database lives in /app/data (SQLITE_DATABASE is a file name under ./data/): mount a
# volume there (-v gb-data:/app/data), or every redeploy starts with an empty database. No VOLUME
# line: some builders refuse it (Railway), and an anonymous volume would hide data from the user.
# The `bun` user (uid 1000) of the base image runs the server; Hugging Face Spaces also run
# containers as uid 1000.
RUN mkdir -p /app/data && chown bun:bun /app/data
USER bun
EXPOSE 8000
# No curl in the slim image: Bun itself asks /health (503 while the database does not answer).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bun", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 8000}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# --no-env-file: the server reads .env itself; Bun's own loading would expand $VARS inside values.
CMD ["bun", "--no-env-file", "server/main.ts"]
