/**
 * Polls `check` until it holds; fails with "not within <ms> ms: <what>" if it never does. For
 * what happens behind the call a test makes (a sync tick, a log write, a reconnect).
 */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, ms = 4000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() >= deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await Bun.sleep(everyMs);
  }
}
