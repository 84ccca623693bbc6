import type { Repository } from '../db/repository';
import type { Deps } from './deps';
import { JOBS } from './jobs/all-jobs';
import { createScheduler } from './jobs/scheduler';
import { randomUUID } from 'node:crypto';
import { fingerprint } from './keypool/keys';
import type { KeyKind } from './keypool/machine';
import { createKeyPool, type KeyPool } from './keypool/pool';
import { createRevokedSessions } from './admin/revoked-sessions';
import { connectKeyEvents, type KeyEvent, type KeyEvents } from './sync/key-events';
import type { Logger } from './log';
import { createMediaFetcher, MEDIA_LIMITS } from './proxy/fetch-media';
import { withMetrics } from './metrics/registry';
import { createRecorder } from './proxy/recorder';
import { createProxyHealth } from './proxy/outbound-proxy';
import { createSocksBridge } from './proxy/socks-bridge';
import { createRedisRateLimiter } from './proxy/redis-rate-limit';
import { createTokenRegistry } from './proxy/tokens';
import type { LoadedSettings } from './settings/load';

export interface AssembleOptions {
  readonly now?: () => number;
  readonly fetch?: Deps['fetch'];
  readonly persistMs?: number;
  readonly recorderIntervalMs?: number;
  /** Tests serve images from 127.0.0.1. */
  readonly allowPrivateMedia?: boolean;
  /** REDIS_URL: key state changes to and from the other instances at once. */
  readonly redisUrl?: string;
}

/** Another instance's change to a key of ours, told through Redis. */
function adoptEvent(pool: KeyPool, event: KeyEvent): void {
  const key = pool.snapshot().find((k) => fingerprint(k.key) === event.id);
  if (!key) return;
  const { status, failures, cooldownUntil, disabledReason, modelCooldowns } = event;
  pool.adopt({ key: key.key, kind: key.kind, status, failures, cooldownUntil, disabledReason, modelCooldowns });
}

/** Builds the running state from the database: key pool, tokens, recorder. */
export async function assembleDeps(repo: Repository, loaded: LoadedSettings, log: Logger, version: string, options: AssembleOptions = {}): Promise<Deps> {
  const now = options.now ?? Date.now;
  const settings = { current: loaded.settings, authTokenHash: loaded.authTokenHash, sessionSecret: loaded.sessionSecret, differences: loaded.differences };
  const [keys, tokens, settingRows] = await Promise.all([repo.listKeys(), repo.listTokens(), repo.readSettings()]);
  const revokedSessions = createRevokedSessions(repo, log);
  const stored = new Map(settingRows.map((r) => [r.key, r.value]));
  revokedSessions.adopt(stored);
  await revokedSessions.pruneStored(stored, now());
  const poolOptions = {
    now,
    config: () => ({ maxFailures: settings.current.MAX_FAILURES, coolingBaseMs: 60_000, coolingMaxMs: 30 * 60_000, rateLimitDefaultMs: 60_000 }),
    // Three different keys failing with 5xx/network errors within 10 s and no success between:
    // the trouble is upstream or the network, not the keys. Independent of the pool's size.
    breaker: { windowMs: 10_000, openMs: 30_000, minKeys: 3, fraction: 0 },
    persistMs: options.persistMs ?? 1000,
  };
  const bus: { events?: KeyEvents } = {};
  const poolOf = (kind: KeyKind) =>
    createKeyPool(keys.filter((k) => k.kind === kind), repo, log, { ...poolOptions, onStateChange: (state) => bus.events?.publish(kind, state) });
  const pool = poolOf('gemini');
  const pools = { gemini: pool, vertex: poolOf('vertex'), paid: poolOf('paid') };
  if (options.redisUrl) bus.events = connectKeyEvents(options.redisUrl, randomUUID(), log, (event) => adoptEvent(pools[event.kind], event));
  const sharedLimits = options.redisUrl ? createRedisRateLimiter(options.redisUrl, log) : null;
  const deps: Deps = {
    repo,
    settings,
    log,
    version,
    now,
    tokens: createTokenRegistry(tokens, loaded.authTokenHash, ...(sharedLimits ? [sharedLimits] : [])),
    pool,
    pools,
    keyEvents: bus.events ?? null,
    sharedLimits,
    // Counts every request-log row for /metrics (server/metrics/registry.ts).
    recorder: withMetrics(createRecorder(repo, log, options.recorderIntervalMs === undefined ? {} : { intervalMs: options.recorderIntervalMs })),
    fetch: options.fetch ?? ((request, init) => fetch(request, init)),
    socks: createSocksBridge(),
    proxyHealth: createProxyHealth(now),
    fetchMedia: createMediaFetcher({ ...MEDIA_LIMITS, allowPrivate: options.allowPrivateMedia ?? false }),
    revokedSessions,
    jobs: createScheduler(JOBS, () => deps, now()),
  };
  return deps;
}

/** Writes what is pending: key states and log rows. */
export async function flushDeps(deps: Deps): Promise<void> {
  deps.jobs.stop();
  deps.socks.stop();
  deps.keyEvents?.close();
  deps.sharedLimits?.close();
  await Promise.all([...Object.values(deps.pools).map((p) => p.stop()), deps.recorder.stop()]);
}
