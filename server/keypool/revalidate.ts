import type { Deps } from '../deps';
import { classifyFailure, classifyResponse } from '../proxy/outcome';
import { upstreamRequest } from '../proxy/upstream';
import { enable, type KeyState } from './machine';

const PROBE_BODY = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { maxOutputTokens: 1 } });
const PROBE_TIMEOUT_MS = 30_000;
const CONCURRENCY = 4;

type ProbeDeps = Pick<Deps, 'pool' | 'settings' | 'fetch' | 'log'>;

async function probe(key: KeyState, deps: ProbeDeps): Promise<boolean> {
  const s = deps.settings.current;
  const target = { baseUrl: s.BASE_URL, path: `models/${s.TEST_MODEL}:generateContent`, query: '', customHeaders: s.CUSTOM_HEADERS, auth: 'goog-api-key' as const };
  try {
    const response = await deps.fetch(upstreamRequest(target, key.key, 'POST', 'application/json', PROBE_BODY, AbortSignal.timeout(PROBE_TIMEOUT_MS)));
    const outcome = classifyResponse(response.status, await response.text(), s.TEST_MODEL, response.headers.get('retry-after'));
    // A 429 proves the key itself is valid: only its quota for the test model is used up.
    if (outcome.kind === 'rate-limited') deps.pool.update(key.key, enable);
    deps.pool.settle(key.key, outcome);
    return outcome.kind === 'ok' || outcome.kind === 'rate-limited';
  } catch (error) {
    deps.pool.settle(key.key, classifyFailure(error, false));
    return false;
  }
}

/** Probes every disabled or cooling key once; returns how many were checked and how many are back. */
export async function revalidateKeys(deps: ProbeDeps): Promise<{ checked: number; recovered: number }> {
  const queue = deps.pool.snapshot().filter((k) => k.status !== 'active');
  let recovered = 0;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) if (await probe(next, deps)) recovered++;
  };
  const checked = queue.length;
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (checked > 0) deps.log.info(`Key re-check: ${checked} disabled or cooling keys probed with ${deps.settings.current.TEST_MODEL}, ${recovered} back in service`);
  return { checked, recovered };
}

/** Runs revalidateKeys every CHECK_INTERVAL_HOURS (read at each run, so a change applies); 0 turns it off. */
export function startRevalidation(deps: ProbeDeps): { stop(): void } {
  let timer: Timer | undefined;
  let stopped = false;
  const schedule = () => {
    const hours = deps.settings.current.CHECK_INTERVAL_HOURS;
    timer = setTimeout(run, hours > 0 ? hours * 3_600_000 : 60_000);
  };
  const run = async () => {
    if (deps.settings.current.CHECK_INTERVAL_HOURS > 0) await revalidateKeys(deps).catch((e: unknown) => deps.log.error(`key re-check failed: ${String(e)}`));
    if (!stopped) schedule();
  };
  schedule();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
