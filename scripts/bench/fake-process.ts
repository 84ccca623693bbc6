/**
 * The fake Gemini upstream in a process of its own, so that the load generator, the proxy under
 * test and the upstream each have their own event loop. Every key answers as a healthy one, but
 * those FAULTS_FILE names (the soak run's faulty keys).
 *
 *   bun scripts/bench/fake-process.ts   → prints `fake upstream listening on http://127.0.0.1:PORT`
 */
import { readFileSync } from 'node:fs';
import { type Behaviour, startFakeUpstream } from '../../tests/helpers/fake-upstream/server';

const fake = await startFakeUpstream();
fake.setDefault({ kind: 'ok' });
// The soak run's faulty keys: FAULTS_FILE holds { key: behaviour }.
if (process.env.FAULTS_FILE) {
  const faults = JSON.parse(readFileSync(process.env.FAULTS_FILE, 'utf8')) as Record<string, Behaviour>;
  for (const [key, behaviour] of Object.entries(faults)) fake.setKey(key, behaviour);
}

// The fake records every request for tests; a benchmark sends hundreds of thousands. Forget them.
const forget = setInterval(() => fake.requests.splice(0), 1000);

const stop = () => {
  clearInterval(forget);
  void fake.stop().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

console.log(`fake upstream listening on ${fake.url}`);
