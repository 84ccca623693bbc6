import type { Repository } from '../db/repository';
import type { RevokedSessions } from './admin/revoked-sessions';
import type { KeyKind } from './keypool/machine';
import type { KeyPool } from './keypool/pool';
import type { Logger } from './log';
import type { Scheduler } from './jobs/scheduler';
import type { MediaFetcher } from './proxy/fetch-media';
import type { UpstreamInit } from './proxy/fetch-upstream';
import type { ProxyHealth } from './proxy/outbound-proxy';
import type { SocksBridge } from './proxy/socks-bridge';
import type { KeyEvents } from './sync/key-events';
import type { Recorder } from './proxy/recorder';
import type { TokenRegistry } from './proxy/tokens';
import type { EnvDifference } from './settings/merge-stored';
import type { StoredSettings } from './settings/schema';

/** The live settings: `current` is replaced as a whole when they change. */
export interface SettingsStore {
  current: StoredSettings;
  authTokenHash: string;
  /** Signs dashboard session cookies. */
  readonly sessionSecret: string;
  /** When this instance last changed the settings or AUTH_TOKEN: a read of the database from before must not undo it. */
  localChangeAt?: number;
  readonly differences: readonly EnvDifference[];
}

/** The one bag of dependencies passed to createApp; tests build their own. */
export interface Deps {
  readonly repo: Repository;
  readonly settings: SettingsStore;
  readonly log: Logger;
  readonly version: string;
  readonly now: () => number;
  readonly tokens: TokenRegistry;
  readonly pool: KeyPool;
  /**
   * Every kind's pool: `gemini` is `pool`; VERTEX_API_KEYS (for /vertex-express) and the paid keys
   * (PAID_KEY, for Imagen) follow the same states and rules in rotations of their own.
   */
  readonly pools: Readonly<Record<KeyKind, KeyPool>>;
  readonly recorder: Recorder;
  /** Every upstream call goes through this (tests may wrap it to observe calls); `init.proxy` per PROXIES. */
  readonly fetch: (request: Request, init?: UpstreamInit) => Promise<Response>;
  /** Carries fetches to SOCKS5 proxies (Bun's fetch speaks only to HTTP proxies). */
  readonly socks: SocksBridge;
  /** PROXIES that failed lately, passed over for a while. */
  readonly proxyHealth: ProxyHealth;
  /** REDIS_URL: key state changes shared with other instances at once; null without Redis. */
  readonly keyEvents: KeyEvents | null;
  /** REDIS_URL: the per-token limits' shared counter (its connection closes at shutdown); null without Redis. */
  readonly sharedLimits: { close(): void } | null;
  /** Downloads the images an OpenAI request links to (public addresses only, bounded). */
  readonly fetchMedia: MediaFetcher;
  /** Dashboard sessions ended by a logout, on any instance. */
  readonly revokedSessions: RevokedSessions;
  /** Background jobs (key re-check, log retention); started by main.ts, visible in the admin API. */
  readonly jobs: Scheduler;
}
