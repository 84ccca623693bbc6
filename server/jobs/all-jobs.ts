import { filesCleanupJob } from './files-cleanup-job';
import { keyRecheckJob } from './key-recheck';
import { logRetentionJob } from './log-retention-job';
import type { JobDef } from './scheduler';

/** Every background job, in the order the dashboard lists them. */
export const JOBS: readonly JobDef[] = [keyRecheckJob, logRetentionJob, filesCleanupJob];
