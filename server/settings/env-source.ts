import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import type { EnvRecord } from './from-env';

/**
 * The environment the settings are read from: the process environment over a `.env` file in the
 * working directory (the process environment wins, as at gemini-balance's start-up). Bun's own
 * .env autoload is off (bunfig.toml) so that this is the one place that reads it.
 */
export function readEnvironment(processEnv: EnvRecord, cwd: string): EnvRecord {
  const path = join(cwd, '.env');
  if (!existsSync(path)) return processEnv;
  return { ...parse(readFileSync(path, 'utf8')), ...processEnv };
}
