/**
 * What the recovery scripts share: a one-line failure, and opening the database the server is
 * configured for (same environment and .env as `bun server/main.ts`).
 */
import { connectDatabase } from '../../db/connect';
import type { Repository } from '../../db/repository';
import { DatabaseStartError } from '../../db/start-error';
import { readEnvironment } from '../../server/settings/env-source';
import { bootstrapFrom, type EnvParseResult, parseEnv } from '../../server/settings/from-env';
import { type Bootstrap, bootstrapNames } from '../../server/settings/schema';

/** Prints one line to stderr and exits 1. */
export function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

/** The first line of an error's message: driver errors can run over many lines. */
export const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

export interface ConfiguredDatabase {
  readonly repo: Repository;
  readonly env: EnvParseResult;
  readonly boot: Bootstrap;
}

/**
 * The configured database's settings, without opening it. Only the settings that locate it, plus
 * `alsoNeeded`, must be valid: a bad unrelated setting must not stand between a locked-out user
 * and a recovery.
 */
export function configuredBootstrap(alsoNeeded: readonly string[] = []): Omit<ConfiguredDatabase, 'repo'> {
  const env = parseEnv(readEnvironment(process.env, process.cwd()));
  const needed = new Set<string>([...bootstrapNames, ...alsoNeeded]);
  const errors = env.errors.filter((line) => needed.has(/^Invalid ([A-Z0-9_]+)=/.exec(line)?.[1] ?? ''));
  if (errors.length > 0) fail(errors[0] ?? 'Invalid environment');
  return { env, boot: bootstrapFrom(env.values) };
}

/** Opens (and migrates) the configured database. */
export async function openConfiguredDatabase(alsoNeeded: readonly string[] = []): Promise<ConfiguredDatabase> {
  const { env, boot } = configuredBootstrap(alsoNeeded);
  const repo = await connectDatabase(boot, { onRetry: (line) => console.error(line) }).catch((error: unknown) =>
    fail(error instanceof DatabaseStartError ? error.message : `Cannot open the ${boot.DATABASE_TYPE} database: ${firstLine(error)}`),
  );
  return { repo, env, boot };
}
