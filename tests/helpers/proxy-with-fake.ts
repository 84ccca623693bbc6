import { afterEach } from 'bun:test';
import { type Behaviour, type FakeUpstream, startFakeUpstream } from './fake-upstream/server';
import { type RunningProxy, startProxy } from './proxy-app';

type Fetch = (request: Request) => Promise<Response>;

/**
 * For a test file: `setup()` starts a fake upstream with one behaviour per key and the proxy in
 * front of it on a test clock (`clock.t`, reset to 1,000,000 each time); all stop after each test.
 */
export function proxyWithFake() {
  const clock = { t: 1_000_000 };
  // Every pair a test set up (some tests compare several) stops after it.
  let running: { f: FakeUpstream; p: RunningProxy }[] = [];
  afterEach(async () => {
    for (const { f, p } of running) {
      await p.stop();
      await f.stop();
    }
    running = [];
  });
  return {
    clock,
    async setup(behaviours: Record<string, Behaviour>, env: Record<string, string> = {}, wrapFetch?: (real: Fetch) => Fetch) {
      clock.t = 1_000_000;
      const f = await startFakeUpstream();
      for (const [key, behaviour] of Object.entries(behaviours)) f.setKey(key, behaviour);
      const real: Fetch = (request) => fetch(request);
      const p = await startProxy({
        upstreamUrl: f.url,
        keys: Object.keys(behaviours),
        env,
        now: () => clock.t,
        ...(wrapFetch ? { fetch: wrapFetch(real) } : {}),
      });
      running.push({ f, p });
      return { f, p };
    },
  };
}
