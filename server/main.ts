import { randomBytes } from 'node:crypto';
import { connectDatabase } from '../db/connect';
import { DatabaseStartError } from '../db/start-error';
import pkg from '../package.json' with { type: 'json' };
import { createApp } from './app';
import { assembleDeps, flushDeps } from './assemble';
import { createLogger } from './log';
import { createShutdown, exitOnSignals } from './shutdown';
import { readEnvironment } from './settings/env-source';
import { bootstrapFrom, parseEnv } from './settings/from-env';
import { loadSettings } from './settings/load';
import { watchDatabase } from './sync/watch-database';

/** Start-up problems a user can fix end the process with one line, never a stack trace. */
function fail(lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(1);
}

async function main() {
  const env = parseEnv(readEnvironment(process.env, process.cwd()));
  if (env.errors.length > 0) fail(env.errors);
  const boot = bootstrapFrom(env.values);
  const log = createLogger(env.values.LOG_LEVEL ?? 'INFO');

  const repo = await connectDatabase(boot, { onRetry: (message) => log.warn(message) }).catch((error: unknown) =>
    error instanceof DatabaseStartError ? fail([error.message]) : Promise.reject(error),
  );
  const settings = await loadSettings(repo, env.values, {
    configSource: boot.CONFIG_SOURCE,
    now: Date.now(),
    log,
    randomToken: () => randomBytes(24).toString('base64url'),
    announce: (line) => console.log(line),
  }).catch((error: unknown) => fail([`Cannot read the settings from the ${repo.dialect} database: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`]));
  log.setLevel(settings.settings.LOG_LEVEL);

  const deps = await assembleDeps(repo, settings, log, pkg.version, { redisUrl: boot.REDIS_URL || undefined });
  // Seeding and loading many keys leaves tens of MB of garbage; return it before serving.
  Bun.gc(true);
  const app = createApp(deps);
  try {
    app.listen({ port: boot.PORT, hostname: boot.HOST });
  } catch (error) {
    fail([`Cannot listen on ${boot.HOST}:${boot.PORT}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const shutdown = createShutdown(
    async () => {
      await app.stop();
    },
    () => repo.close(),
    log,
  );
  await deps.jobs.start();
  shutdown.flushers.push(watchDatabase(deps));
  shutdown.flushers.push(() => flushDeps(deps));
  exitOnSignals(shutdown, log);
  // Printed whatever LOG_LEVEL says: where the server listens is what every operator needs.
  console.log(`Gemini Balance ${pkg.version} listening on http://${boot.HOST}:${app.server?.port ?? boot.PORT} (database: ${repo.dialect})`);
}

await main();
