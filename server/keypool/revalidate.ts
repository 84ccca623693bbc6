import type { Deps } from '../deps';
import { classifyFailure, classifyResponse } from '../proxy/outcome';
import { fetchUpstream } from '../proxy/fetch-upstream';
import { ProxyTransportError } from '../proxy/outbound-proxy';
import { upstreamRequest } from '../proxy/upstream';
import { enable, type Outcome } from './machine';

const PROBE_BODY = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { maxOutputTokens: 1 } });
const PROBE_TIMEOUT_MS = 30_000;
const CONCURRENCY = 4;

export type ProbeDeps = Pick<Deps, 'pools' | 'settings' | 'fetch' | 'socks' | 'proxyHealth' | 'log'>;

/** A probe's verdict: ok = Google accepted the key (a 429 counts: only the quota is used up). */
export interface ProbeResult {
  readonly ok: boolean;
  /** Why not, as Google said it (or the network error); null when ok. */
  readonly error: string | null;
}

function probeError(outcome: Outcome, status: number, body: string): string | null {
  if (outcome.kind === 'key-invalid' || outcome.kind === 'transient') return outcome.reason;
  if (outcome.kind === 'client-error') return `${status}: ${body.slice(0, 300)}`;
  return null;
}

/**
 * One generateContent call with TEST_MODEL (a Vertex key on VERTEX_EXPRESS_BASE_URL); the outcome
 * is settled on the key like any request's.
 */
export async function probeKey(key: string, deps: ProbeDeps): Promise<ProbeResult> {
  const s = deps.settings.current;
  const vertex = deps.pools.vertex.has(key);
  // Paid keys are Gemini API keys: probed like the others.
  const pool = vertex ? deps.pools.vertex : deps.pools.paid.has(key) ? deps.pools.paid : deps.pools.gemini;
  const target = { baseUrl: vertex ? s.VERTEX_EXPRESS_BASE_URL : s.BASE_URL, path: `models/${s.TEST_MODEL}:generateContent`, query: '', customHeaders: s.CUSTOM_HEADERS, auth: 'goog-api-key' as const };
  try {
    const response = await fetchUpstream(deps, upstreamRequest(target, key, 'POST', 'application/json', PROBE_BODY, AbortSignal.timeout(PROBE_TIMEOUT_MS)), key);
    const body = await response.text();
    const outcome = classifyResponse(response.status, body, s.TEST_MODEL, response.headers.get('retry-after'));
    // A 429 proves the key itself is valid: only its quota for the test model is used up.
    if (outcome.kind === 'rate-limited') pool.update(key, enable);
    pool.settle(key, outcome);
    const ok = outcome.kind === 'ok' || outcome.kind === 'rate-limited';
    return { ok, error: ok ? null : probeError(outcome, response.status, body) };
  } catch (error) {
    // A failed proxy says nothing about the key.
    if (error instanceof ProxyTransportError) return { ok: false, error: error.message };
    const outcome = classifyFailure(error, false);
    pool.settle(key, outcome);
    return { ok: false, error: probeError(outcome, 0, '') };
  }
}

/** Probes `keys` CONCURRENCY at a time (Google's per-key limits, and not a burst from one address). */
export async function probeEach(keys: readonly string[], deps: ProbeDeps, onResult: (key: string, result: ProbeResult) => void): Promise<void> {
  const queue = [...keys];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) onResult(next, await probeKey(next, deps));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Probes every disabled or cooling key once; returns how many were checked and how many are back. */
export async function revalidateKeys(deps: ProbeDeps): Promise<{ checked: number; recovered: number }> {
  const keys = Object.values(deps.pools).flatMap((pool) => pool.snapshot().filter((k) => k.status !== 'active').map((k) => k.key));
  let recovered = 0;
  await probeEach(keys, deps, (_key, result) => {
    if (result.ok) recovered++;
  });
  const checked = keys.length;
  if (checked > 0) deps.log.info(`Key re-check: ${checked} disabled or cooling keys probed with ${deps.settings.current.TEST_MODEL}, ${recovered} back in service`);
  return { checked, recovered };
}
