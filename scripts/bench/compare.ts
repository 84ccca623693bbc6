import { formatLoad, type LoadResult, runLoad } from './load';
import type { Target } from './proxies';

/** The issues' targets: throughput against the naive proxy, latency added at c=1, CPU per request, memory. */
export const TARGETS = { minThroughputRatio: 0.9, maxAddedP50Ms: 0.25, maxRssMb: 100 } as const;

/** OpenAI-format calls do the conversion both ways on top of the native work: issue 4's targets. */
const OPENAI_TARGETS = { minThroughputRatio: 0.6, maxCpuUs: 80 } as const;

interface Call {
  readonly path: string;
  readonly body: string;
  readonly headers: (token: string) => Record<string, string>;
}

interface Scenario {
  readonly label: string;
  /** What the naive proxy is sent (it only passes native calls through). */
  readonly naive: Call;
  /** What our server is sent: the same call, or its OpenAI-format equivalent. */
  readonly ours: Call;
  readonly concurrency: number;
  readonly minThroughputRatio: number;
  readonly maxCpuUs?: number;
}

const MODEL = 'gemini-2.5-flash';
const MODEL_PATH = `/v1beta/models/${MODEL}`;
const PROMPT = 'Write one sentence about the sea.';

/** A small, ordinary call: what a chat client sends for one short turn. */
const NATIVE_BODY = JSON.stringify({
  contents: [{ role: 'user', parts: [{ text: PROMPT }] }],
  generationConfig: { temperature: 0.7, maxOutputTokens: 256 },
});
const openaiBody = (stream: boolean) =>
  JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: PROMPT }], temperature: 0.7, max_tokens: 256, stream });

const googHeaders = (token: string) => ({ 'content-type': 'application/json', 'x-goog-api-key': token });
const bearerHeaders = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
const native = (path: string): Call => ({ path, body: NATIVE_BODY, headers: googHeaders });
const UNARY = native(`${MODEL_PATH}:generateContent`);
const STREAM = native(`${MODEL_PATH}:streamGenerateContent?alt=sse`);
const CHAT = (stream: boolean): Call => ({ path: '/v1/chat/completions', body: openaiBody(stream), headers: bearerHeaders });

const KINDS = [
  { label: 'generateContent', naive: UNARY, ours: UNARY, minThroughputRatio: TARGETS.minThroughputRatio },
  { label: 'streamGenerateContent', naive: STREAM, ours: STREAM, minThroughputRatio: TARGETS.minThroughputRatio },
  { label: 'openai chat', naive: UNARY, ours: CHAT(false), ...OPENAI_TARGETS },
  { label: 'openai chat stream', naive: STREAM, ours: CHAT(true), ...OPENAI_TARGETS },
];

export const SCENARIOS: readonly Scenario[] = KINDS.flatMap((k) => [1, 64].map((concurrency) => ({ ...k, concurrency })));

function load(target: Target, call: Call, concurrency: number, seconds: number): Promise<LoadResult> {
  return runLoad({
    makeRequest: () => new Request(`${target.url}${call.path}`, { method: 'POST', headers: call.headers(target.token), body: call.body }),
    concurrency,
    seconds,
    serverPid: target.pid,
  });
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');

/** `ours/naive throughput 0.93×, p50 +0.08 ms`, with the targets that apply and whether they are met. */
export function ratioLine(naive: LoadResult, ours: LoadResult, scenario: Pick<Scenario, 'concurrency' | 'minThroughputRatio' | 'maxCpuUs'>): string {
  const ratio = naive.perSecond > 0 ? ours.perSecond / naive.perSecond : 0;
  const added = ours.p50Ms - naive.p50Ms;
  const sign = added >= 0 ? '+' : '−';
  const checks = [`≥ ${scenario.minThroughputRatio.toFixed(2)}× ${verdict(ratio >= scenario.minThroughputRatio)}`];
  if (scenario.concurrency === 1 && scenario.maxCpuUs === undefined) checks.push(`p50 ≤ +${TARGETS.maxAddedP50Ms} ms ${verdict(added <= TARGETS.maxAddedP50Ms)}`);
  if (scenario.maxCpuUs !== undefined && ours.cpuUsPerRequest !== undefined) {
    checks.push(`cpu ≤ ${scenario.maxCpuUs} µs ${verdict(ours.cpuUsPerRequest <= scenario.maxCpuUs)}`);
  }
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
    warmupErrors: a.warmupErrors + b.warmupErrors,
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
  const c = scenario.concurrency;
  const naive1 = await load(naive, scenario.naive, c, half);
  const ours1 = await load(ours, scenario.ours, c, half);
  const ours2 = await load(ours, scenario.ours, c, half);
  const naive2 = await load(naive, scenario.naive, c, half);
  return { baseline: merge(naive1, naive2), measured: merge(ours1, ours2) };
}

/**
 * A short unmeasured pass over every scenario and both proxies: the first seconds of a run mostly
 * measure the JIT warming up the fake upstream and the load generator, whichever proxy is in front.
 */
export async function warmUp(naive: Target, ours: Target): Promise<void> {
  for (const scenario of SCENARIOS) {
    await load(naive, scenario.naive, scenario.concurrency, 0.5);
    await load(ours, scenario.ours, scenario.concurrency, 0.5);
  }
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
    print(ratioLine(baseline, measured, scenario));
    errors += baseline.errors + measured.errors;
  }
  return errors;
}
