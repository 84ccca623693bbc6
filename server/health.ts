import type { Repository } from '../db/repository';
import { redactSecrets } from './redact';

const PING_TIMEOUT_MS = 3000;

export interface Health {
  readonly status: 'ok' | 'degraded';
  readonly database: { readonly dialect: string; readonly status: 'ok' | 'unreachable'; readonly error?: string };
  readonly version: string;
  /** Only with REDIS_URL. Away is not unhealthy: instances then share state through the database, seconds later. */
  readonly redis?: 'connected' | 'away';
}

/** A database that does not answer within the timeout counts as down: /health must never hang. */
async function pingDatabase(repo: Repository): Promise<string | undefined> {
  let timer: Timer | undefined;
  const timeout = new Promise<string>((done) => {
    timer = setTimeout(() => done(`no answer within ${PING_TIMEOUT_MS} ms`), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([repo.ping().then(() => undefined), timeout]);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(repo: Repository, version: string, redis?: 'connected' | 'away'): Promise<{ health: Health; httpStatus: number }> {
  const problem = await pingDatabase(repo);
  const database =
    problem === undefined
      ? { dialect: repo.dialect, status: 'ok' as const }
      : { dialect: repo.dialect, status: 'unreachable' as const, error: redactSecrets(problem) };
  const ok = problem === undefined;
  const health: Health = { status: ok ? 'ok' : 'degraded', database, version, ...(redis ? { redis } : {}) };
  return { health, httpStatus: ok ? 200 : 503 };
}
