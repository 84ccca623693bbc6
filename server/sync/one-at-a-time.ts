/**
 * Runs `work` one call at a time: a call made while one runs waits for it, then runs itself (so
 * what it was asked to write is written, after what was before it). Timer ticks ask `busy()` and
 * skip while one runs: that run is already catching up.
 */
export function oneAtATime<A extends unknown[]>(work: (...args: A) => Promise<void>) {
  let running: Promise<void> | undefined;
  const run = (...args: A): Promise<void> => {
    const mine: Promise<void> = (running ?? Promise.resolve()).then(() => work(...args)).finally(() => {
      if (running === mine) running = undefined;
    });
    running = mine;
    return mine;
  };
  return { run, busy: () => running !== undefined };
}
