import { createSignal, onCleanup } from 'solid-js';
import { describeError } from '../lib/api-error';
import { api } from '../lib/trpc';
import type { VerifyProgress } from './key-types';

const POLL_MS = 1_000;
/** A lost answer or two (a phone changing networks) should not end the watch. */
const MAX_POLL_ERRORS = 3;

export interface VerifyJob {
  /** The latest progress; null before the first verify. */
  readonly progress: () => VerifyProgress | null;
  readonly error: () => string | null;
  readonly running: () => boolean;
  readonly start: (ids: string[]) => Promise<void>;
}

/**
 * A verify run: keys.verify starts a job on the server (it keeps running if the page is left),
 * then keys.verifyStatus is asked every second until the job says finished. The watch lives
 * with the page, not the dialog, so closing the dialog does not lose the result.
 */
export function createVerifyJob(onFinished: (progress: VerifyProgress) => void): VerifyJob {
  const [progress, setProgress] = createSignal<VerifyProgress | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [starting, setStarting] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let disposed = false;
  onCleanup(() => {
    disposed = true;
    clearTimeout(timer);
  });

  const poll = async (jobId: string) => {
    try {
      const answer = await api.keys.verifyStatus.query({ jobId });
      if (disposed) return;
      failures = 0;
      setProgress(answer);
      if (answer.finished) return onFinished(answer);
    } catch (caught) {
      if (disposed) return;
      if (++failures >= MAX_POLL_ERRORS) return setError(describeError(caught).message);
    }
    timer = setTimeout(() => void poll(jobId), POLL_MS);
  };

  const start = async (ids: string[]) => {
    clearTimeout(timer);
    setError(null);
    setProgress(null);
    setStarting(true);
    failures = 0;
    try {
      const { jobId, total } = await api.keys.verify.mutate({ ids });
      setProgress({ jobId, total, done: 0, valid: 0, invalid: 0, finished: false, results: [] });
      await poll(jobId);
    } catch (caught) {
      setError(describeError(caught).message);
    } finally {
      setStarting(false);
    }
  };

  const running = () => {
    const current = progress();
    return starting() || (current !== null && !current.finished && error() === null);
  };
  return { progress, error, running, start };
}
