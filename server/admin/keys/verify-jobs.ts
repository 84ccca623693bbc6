import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { fingerprint, maskKey } from '../../keypool/keys';
import { probeEach, type ProbeDeps } from '../../keypool/revalidate';
import { type KeyDeps, type KeyEntry, resolveIds } from './key-directory';

/**
 * "Verify" in the dashboard: the re-check job's probe on chosen keys, in the background (a few
 * thousand keys take minutes), with progress to poll. The probe settles each answer on the key,
 * so a valid key is enabled and a key Google rejects is disabled with Google's reason.
 */

export interface VerifyResult {
  readonly id: string;
  readonly masked: string;
  readonly ok: boolean;
  /** Google's reason (or the network error) when not ok. */
  readonly error: string | null;
}

export interface VerifyProgress {
  readonly jobId: string;
  readonly total: number;
  readonly done: number;
  readonly valid: number;
  readonly invalid: number;
  readonly finished: boolean;
  /** In the order the answers came. */
  readonly results: readonly VerifyResult[];
}

interface Job {
  readonly jobId: string;
  readonly total: number;
  readonly results: VerifyResult[];
  finished: boolean;
}

/** Only the latest jobs are kept: enough for a dashboard to poll, bounded memory. */
const KEEP_JOBS = 20;
/** Per server instance (tests run several in one process). */
const jobsByServer = new WeakMap<ProbeDeps, Map<string, Job>>();

function jobsOf(deps: ProbeDeps): Map<string, Job> {
  let jobs = jobsByServer.get(deps);
  if (!jobs) {
    jobs = new Map();
    jobsByServer.set(deps, jobs);
  }
  return jobs;
}

function onlyPooled(entries: readonly KeyEntry[]): string[] {
  const others = entries.filter((e) => !e.pooled);
  if (others.length > 0) {
    const named = others.slice(0, 5).map((e) => `${e.id} (${e.state.kind})`).join(', ');
    throw new TRPCError({ code: 'BAD_REQUEST', message: `Only keys in a pool can be verified (a key stored by hand after the start joins one at the next start); not ${named}. Nothing was started.` });
  }
  return entries.map((e) => e.state.key);
}

/** Starts probing the keys with these ids and answers at once; the job runs on after the request ends. */
export async function startVerifyJob(deps: ProbeDeps & KeyDeps, ids: readonly string[]): Promise<{ jobId: string; total: number }> {
  const keys = onlyPooled(await resolveIds(deps, ids));
  const job: Job = { jobId: randomUUID(), total: keys.length, results: [], finished: false };
  const jobs = jobsOf(deps);
  jobs.set(job.jobId, job);
  // Map iteration is insertion order: the first entries are the oldest.
  for (const old of jobs.keys()) if (jobs.size > KEEP_JOBS) jobs.delete(old);
  probeEach(keys, deps, (key, result) => job.results.push({ id: fingerprint(key), masked: maskKey(key), ...result }))
    .catch((error: unknown) => deps.log.error(`key verify job ${job.jobId} failed: ${String(error)}`))
    .finally(() => {
      job.finished = true;
    });
  return { jobId: job.jobId, total: job.total };
}

export function verifyProgress(deps: ProbeDeps, jobId: string): VerifyProgress {
  const job = jobsOf(deps).get(jobId);
  if (!job) throw new TRPCError({ code: 'NOT_FOUND', message: `No verify job ${jobId} (only the last ${KEEP_JOBS} are kept, and none survive a restart).` });
  const valid = job.results.filter((r) => r.ok).length;
  return { jobId, total: job.total, done: job.results.length, valid, invalid: job.results.length - valid, finished: job.finished, results: [...job.results] };
}
