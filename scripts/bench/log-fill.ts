import type { NewErrorLog, NewRequestLog, Repository } from '../../db/repository';
import { fingerprint } from '../../server/keypool/keys';

export const DAY = 86_400_000;
export const MODELS = ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-2.5-flash-lite', 'gemini-2.0-flash', 'text-embedding-004', 'gemini-2.5-flash-image', 'gemini-3-pro', 'gemma-3'];
export const benchKey = (i: number) => `AIzaSy${String(i).padStart(12, '0')}bench${'x'.repeat(16)}`;

/** Roughly what a busy proxy logs: 90% ok, 6% 429, 2% 503, 1% 400, 1% invalid key. */
const OUTCOMES: [number, string, number | null][] = [[0.9, 'ok', 200], [0.96, 'rate-limited', 429], [0.98, 'transient', 503], [0.99, 'client-error', 400], [1, 'key-invalid', 400]];

export function benchRows(count: number, atOf: (j: number) => number, keys: number, seed: { s: number }): NewRequestLog[] {
  // mulberry32: consecutive draws of a plain LCG are correlated (a key's rows all got one outcome).
  const random = () => {
    seed.s = (seed.s + 0x6d2b79f5) | 0;
    let t = Math.imul(seed.s ^ (seed.s >>> 15), 1 | seed.s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return Array.from({ length: count }, (_, j) => {
    const r = random();
    const [, outcome, status] = OUTCOMES.find(([p]) => r < p) ?? OUTCOMES[0] ?? [1, 'ok', 200];
    const ok = outcome === 'ok';
    return {
      at: atOf(j),
      tokenLabel: 'bench',
      keyFingerprint: fingerprint(benchKey(Math.floor(random() * keys))),
      model: MODELS[Math.floor(random() * MODELS.length)] ?? null,
      endpoint: 'generateContent',
      status,
      outcome,
      latencyMs: 100 + Math.floor(random() * 900),
      promptTokens: ok ? 50 + Math.floor(random() * 2000) : null,
      completionTokens: ok ? Math.floor(random() * 1000) : null,
      attempt: 1,
      errorCode: null,
      finishReason: null,
    };
  });
}

/** `rows` request logs over 30 days before `now` (1,000 keys, 8 models), and `errors` error logs. */
export async function fillLogs(repo: Repository, now: number, rows: number, errors: number, keys: number): Promise<void> {
  const seed = { s: 42 };
  for (let done = 0; done < rows; done += 10_000) {
    // Oldest first, evenly over the 30 days, as a running proxy writes them.
    const atOf = (j: number) => now - 30 * DAY + Math.floor(((done + j) * 30 * DAY) / rows);
    await repo.insertRequestLogs(benchRows(Math.min(10_000, rows - done), atOf, keys, seed));
  }
  const message = JSON.stringify({ error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } });
  for (let done = 0; done < errors; done += 5_000) {
    const batch: NewErrorLog[] = Array.from({ length: Math.min(5_000, errors - done) }, (_, j) => ({
      at: now - 30 * DAY + Math.floor(((done + j) * 30 * DAY) / errors),
      keyFingerprint: fingerprint(benchKey((done + j) % keys)),
      model: MODELS[(done + j) % MODELS.length] ?? null,
      status: (done + j) % 7 === 0 ? 429 : 503,
      errorType: 'gemini-generateContent',
      message,
      requestBody: null,
    }));
    await repo.insertErrorLogs(batch);
  }
}
