/**
 * `bun run bench --soak` (SOAK_MINUTES, default 10): mixed traffic — native unary and SSE, OpenAI
 * chat and stream — at concurrency 16 against our server with 200 healthy keys and 50 faulty ones
 * spread among them (invalid, rate-limited, failing with 503, dropping the connection). Every 10 s:
 * throughput, client-visible failures, resident memory. Targets: no failure a client sees while
 * a healthy key exists, memory flat.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Behaviour } from '../../tests/helpers/fake-upstream/server';
import { tempDir } from '../../tests/helpers/temp-dir';
import { runLoad } from './load';
import { Cleanup, rssMb } from './processes';
import { benchKeys, startFake, startOurs } from './proxies';

const FAULTS: readonly [Behaviour, number][] = [
  [{ kind: 'invalid-key' }, 20],
  [{ kind: 'rate-limited', retryDelay: '20s' }, 15],
  [{ kind: 'server-error', status: 503 }, 10],
  [{ kind: 'drop' }, 5],
];

const CONCURRENCY = 16;
const PROMPT = 'Write one sentence about the sea.';
const NATIVE_BODY = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: PROMPT }] }] });
const CALLS = [
  { path: '/v1beta/models/gemini-2.5-flash:generateContent', body: NATIVE_BODY },
  { path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', body: NATIVE_BODY },
  { path: '/v1/chat/completions', body: JSON.stringify({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: PROMPT }] }) },
  { path: '/v1/chat/completions', body: JSON.stringify({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: PROMPT }], stream: true }) },
] as const;

/**
 * A 200 is not enough: a stream that failed after its start ends with an error event, and an
 * answer without candidates/choices is nothing to the user either.
 */
const isAnswer = (body: string): boolean => /"(candidates|choices)"/.test(body) && !/"error"\s*:/.test(body);

/** 200 healthy keys with a faulty one after every fourth: a request's retries meet healthy keys. */
function keyPlan(): { keys: string[]; faults: Record<string, Behaviour> } {
  const faulty = FAULTS.flatMap(([behaviour, count]) => benchKeys(count).map((key) => [key, behaviour] as const));
  const healthy = benchKeys(200);
  const keys: string[] = [];
  healthy.forEach((key, i) => {
    keys.push(key);
    const bad = i % 4 === 3 ? faulty[(i - 3) / 4] : undefined;
    if (bad) keys.push(bad[0]);
  });
  return { keys, faults: Object.fromEntries(faulty) };
}

export async function runSoak(print: (line: string) => void): Promise<boolean> {
  const minutes = Number(process.env.SOAK_MINUTES ?? 10);
  const cleanup = new Cleanup();
  try {
    const { keys, faults } = keyPlan();
    const dir = cleanup.add(tempDir('gb-soak-'), (d) => d.remove());
    const faultsFile = join(dir.path, 'faults.json');
    writeFileSync(faultsFile, JSON.stringify(faults));
    const fake = await startFake(cleanup, undefined, { FAULTS_FILE: faultsFile });
    const ours = await startOurs(cleanup, undefined, fake.url, keys);
    print(`soak: ${minutes} min, ${keys.length} keys (${Object.keys(faults).length} faulty), concurrency ${CONCURRENCY}, mixed native/OpenAI unary/stream`);
    let next = 0;
    const makeRequest = () => {
      const { path, body } = CALLS[next++ % CALLS.length] ?? CALLS[0];
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${ours.token}` };
      return new Request(`${ours.url}${path}`, { method: 'POST', headers, body });
    };
    const rss: number[] = [];
    let requests = 0;
    let failures = 0;
    const until = Date.now() + minutes * 60_000;
    for (let slice = 1; Date.now() < until; slice++) {
      const r = await runLoad({ makeRequest, concurrency: CONCURRENCY, seconds: 10, serverPid: ours.pid, isAnswer });
      const failed = r.errors + r.warmupErrors;
      requests += r.requests;
      failures += failed;
      rss.push(rssMb(ours.pid, 'VmRSS') ?? 0);
      print(`  ${String(slice * 10).padStart(4)} s  ${r.perSecond.toFixed(0).padStart(6)} req/s  failures ${failed}  RSS ${rss.at(-1)?.toFixed(0)} MB`);
    }
    const first = rss[Math.min(2, rss.length - 1)] ?? 0;
    const last = rss.at(-1) ?? 0;
    const flat = last <= first * 1.15 + 10;
    print(`soak: ${requests} requests, ${failures} client-visible failures (target 0 ${failures === 0 ? 'ok' : 'MISSED'}), RSS ${first.toFixed(0)} → ${last.toFixed(0)} MB, max ${Math.max(...rss).toFixed(0)} MB (flat: ${flat ? 'ok' : 'MISSED'})`);
    return failures === 0 && flat;
  } finally {
    await cleanup.run();
  }
}
