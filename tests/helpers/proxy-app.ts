import { join } from 'node:path';
import { connectDatabase } from '../../db/connect';
import type { Repository } from '../../db/repository';
import { createApp } from '../../server/app';
import { assembleDeps, flushDeps } from '../../server/assemble';
import type { Deps } from '../../server/deps';
import { createLogger } from '../../server/log';
import { parseEnv } from '../../server/settings/from-env';
import { loadSettings } from '../../server/settings/load';
import { sqliteConfig } from './repositories';
import type { DatabaseConfig } from '../../db/database-config';
import { watchDatabase } from '../../server/sync/watch-database';
import { tempDir } from './temp-dir';

export const CLIENT_TOKEN = 'sk-client-token-0001';
export const ADMIN_TOKEN = 'admin-token-0001';

export interface ProxyOptions {
  readonly upstreamUrl: string;
  readonly keys?: readonly string[];
  readonly env?: Record<string, string>;
  readonly now?: () => number;
  readonly fetch?: (request: Request) => Promise<Response>;
  /** Let OpenAI image URLs point at 127.0.0.1 (production refuses private addresses). */
  readonly allowPrivateMedia?: boolean;
  /** An existing database (to test restarts); a new temp file when absent. */
  readonly sqlitePath?: string;
  /** Another database instead (several instances on one MariaDB). */
  readonly database?: DatabaseConfig;
  /** Runs the shared-state watcher (server/sync/watch-database.ts) at this interval, as main.ts does. */
  readonly watchMs?: number;
  /** REDIS_URL: key state changes shared with other instances through Redis. */
  readonly redisUrl?: string;
}

export interface RunningProxy {
  readonly url: string;
  readonly deps: Deps;
  readonly repo: Repository;
  readonly sqlitePath: string;
  /** Every log line the server printed. */
  readonly logs: string[];
  /** Stops HTTP, writes pending key states and log rows, closes the database. */
  stop(): Promise<void>;
}

/**
 * The real app (real settings lifecycle, SQLite file, key pool, recorder) listening on 127.0.0.1,
 * with BASE_URL pointed at a fake upstream. Persistence timers run fast so tests see rows quickly.
 */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const dir = options.sqlitePath ? undefined : tempDir();
  const sqlitePath = options.sqlitePath ?? join(dir?.path ?? '', 'proxy.db');
  const repo = await connectDatabase(options.database ?? sqliteConfig(sqlitePath));
  const logs: string[] = [];
  const log = createLogger('DEBUG', (line) => logs.push(line));
  const env = parseEnv({
    BASE_URL: `${options.upstreamUrl}/v1beta`,
    API_KEYS: (options.keys ?? []).join(','),
    ALLOWED_TOKENS: CLIENT_TOKEN,
    AUTH_TOKEN: ADMIN_TOKEN,
    CONFIG_SOURCE: 'env',
    ...options.env,
  });
  if (env.errors.length > 0) throw new Error(env.errors.join('\n'));
  const loaded = await loadSettings(repo, env.values, { configSource: 'env', now: Date.now(), log, randomToken: () => 'unused', announce: log.warn });
  const deps = await assembleDeps(repo, loaded, log, 'test', {
    persistMs: 25,
    recorderIntervalMs: 25,
    ...(options.now ? { now: options.now } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.allowPrivateMedia ? { allowPrivateMedia: true } : {}),
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
  });
  const app = createApp(deps).listen({ port: 0, hostname: '127.0.0.1' });
  const stopWatching = options.watchMs === undefined ? undefined : watchDatabase(deps, options.watchMs);
  return {
    url: `http://127.0.0.1:${app.server?.port}`,
    deps,
    repo,
    sqlitePath,
    logs,
    async stop() {
      await stopWatching?.();
      await app.stop(true);
      await flushDeps(deps);
      await repo.close();
      dir?.remove();
    },
  };
}

/** A one-word native generateContent call to a running server, as a Gemini client sends it. */
export const generate = (url: string, token = CLIENT_TOKEN, model = 'gemini-2.5-flash') =>
  fetch(`${url}/v1beta/models/${model}:generateContent`, {
    method: 'POST',
    headers: { 'x-goog-api-key': token, 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ parts: [{ text: 'hi' }] }] }),
  });
