import { formatLoad, type LoadResult, runLoad } from './load';
import type { Target } from './proxies';

/** The targets: throughput against the naive proxy, and latency added at concurrency 1. */
export const TARGETS = { minThroughputRatio: 0.9, maxAddedP50Ms: 0.25, maxRssMb: 100 } as const;

interface Scenario {
  readonly label: string;
  readonly path: string;
  readonly concurrency: number;
}

const MODEL_PATH = '/v1beta/models/gemini-2.5-flash';

const ENDPOINTS = [
  { label: 'generateContent', path: `${MODEL_PATH}:generateContent` },
  { label: 'streamGenerateContent', path: `${MODEL_PATH}:streamGenerateContent?alt=sse` },
];

export const SCENARIOS: readonly Scenario[] = ENDPOINTS.flatMap((e) => [1, 64].map((concurrency) => ({ ...e, concurrency })));

/** A small, ordinary call: what a chat client sends for one short turn. */
const BODY = JSON.stringify({
  contents: [{ role: 'user', parts: [{ text: 'Write one sentence about the sea.' }] }],
  generationConfig: { temperature: 0.7, maxOutputTokens: 256 },
});

function post(target: Target, path: string): Request {
  return new Request(`${target.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': target.token },
    body: BODY,
  });
}

function load(target: Target, scenario: Scenario, seconds: number): Promise<LoadResult> {
  return runLoad({
    makeRequest: () => post(target, scenario.path),
    concurrency: scenario.concurrency,
    seconds,
    serverPid: target.pid,
  });
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');

/** `ours/naive throughput 0.93×, p50 +0.08 ms`, with the targets that apply and whether they are met. */
export function ratioLine(naive: LoadResult, ours: LoadResult, concurrency: number): string {
  const ratio = naive.perSecond > 0 ? ours.perSecond / naive.perSecond : 0;
  const added = ours.p50Ms - naive.p50Ms;
  const sign = added >= 0 ? '+' : '−';
  const checks = [`≥ ${TARGETS.minThroughputRatio.toFixed(2)}× ${verdict(ratio >= TARGETS.minThroughputRatio)}`];
  if (concurrency === 1) checks.push(`p50 ≤ +${TARGETS.maxAddedP50Ms} ms ${verdict(added <= TARGETS.maxAddedP50Ms)}`);
  return `  ours/naive throughput ${ratio.toFixed(2)}×, p50 ${sign}${Math.abs(added).toFixed(2)} ms   (target ${checks.join(', ')})`;
}

/** Two runs of equal length as one: throughput and percentiles averaged, CPU per request weighted. */
function merge(a: LoadResult, b: LoadResult): LoadResult {
  const requests = a.requests + b.requests;
  const cpu = (r: LoadResult) => (r.cpuUsPerRequest === undefined ? undefined : r.cpuUsPerRequest * r.requests);
  const cpuA = cpu(a);
  const cpuB = cpu(b);
  return {
    requests,
    errors: a.errors + b.errors,
    perSecond: (a.perSecond + b.perSecond) / 2,
    p50Ms: (a.p50Ms + b.p50Ms) / 2,
    p99Ms: (a.p99Ms + b.p99Ms) / 2,
    cpuUsPerRequest: cpuA === undefined || cpuB === undefined || requests === 0 ? undefined : (cpuA + cpuB) / requests,
  };
}

/**
 * One scenario, half the time each in the order naive, ours, ours, naive: whichever runs second
 * finds the fake upstream and the load generator warmer (up to 10 % on a small machine, seen
 * in A/A runs of the naive proxy against itself); the symmetric order cancels that, and slow drift.
 */
async function measure(naive: Target, ours: Target, scenario: Scenario, seconds: number) {
  const half = seconds / 2;
  const naive1 = await load(naive, scenario, half);
  const ours1 = await load(ours, scenario, half);
  const ours2 = await load(ours, scenario, half);
  const naive2 = await load(naive, scenario, half);
  return { baseline: merge(naive1, naive2), measured: merge(ours1, ours2) };
}

/**
 * A short unmeasured pass over every scenario and both proxies: the first seconds of a run mostly
 * measure the JIT warming up the fake upstream and the load generator, whichever proxy is in front.
 */
export async function warmUp(naive: Target, ours: Target): Promise<void> {
  for (const scenario of SCENARIOS) for (const target of [naive, ours]) await load(target, scenario, 0.5);
}

/**
 * Every scenario against the naive proxy and ours with the same load; one line each and the ratio.
 * Returns the number of failed requests, which a healthy run never has.
 */
export async function compareProxies(naive: Target, ours: Target, seconds: number, print: (line: string) => void): Promise<number> {
  let errors = 0;
  for (const scenario of SCENARIOS) {
    const name = `${scenario.label} c=${scenario.concurrency}`;
    const { baseline, measured } = await measure(naive, ours, scenario, seconds);
    print(formatLoad(`naive ${name}`, baseline));
    print(formatLoad(`ours  ${name}`, measured));
    print(ratioLine(baseline, measured, scenario.concurrency));
    errors += baseline.errors + measured.errors;
  }
  return errors;
}
