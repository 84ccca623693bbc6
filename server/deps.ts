import type { Repository } from '../db/repository';
import type { Logger } from './log';
import type { LoadedSettings } from './settings/load';

/** The one bag of dependencies passed to createApp; tests build their own. */
export interface Deps {
  readonly repo: Repository;
  readonly settings: LoadedSettings;
  readonly log: Logger;
  readonly version: string;
  readonly now: () => number;
}
