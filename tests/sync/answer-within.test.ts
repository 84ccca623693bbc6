import { describe, expect, spyOn, test } from 'bun:test';
import { answerWithin } from '../../server/sync/answer-within';

describe('answerWithin', () => {
  test('passes on an answer in time, and its failure as it was', async () => {
    expect(await answerWithin(Promise.resolve(7), 50)).toBe(7);
    await expect(answerWithin(Promise.reject(new Error('WRONGTYPE')), 50)).rejects.toThrow('WRONGTYPE');
  });

  test('clears its timer as soon as the answer comes (a timer left would fire for nothing on every call)', async () => {
    const armed = spyOn(globalThis, 'setTimeout');
    const cleared = spyOn(globalThis, 'clearTimeout');
    try {
      await answerWithin(Promise.resolve('fast'), 60_000);
      await answerWithin(Promise.reject(new Error('refused')), 60_000).catch(() => undefined);
      expect(armed).toHaveBeenCalledTimes(2);
      // The very timers it set, not merely two calls.
      expect(cleared.mock.calls.map(([timer]) => timer as unknown)).toEqual(armed.mock.results.map((r) => r.value as unknown));
    } finally {
      armed.mockRestore();
      cleared.mockRestore();
    }
  });

  test('rejects a late one when the time is up, saying how long it waited', async () => {
    const started = performance.now();
    await expect(answerWithin(Bun.sleep(1_000), 30)).rejects.toThrow('no answer within 30 ms');
    expect(performance.now() - started).toBeLessThan(500);
    await expect(answerWithin(Bun.sleep(3_000), 1_000)).rejects.toThrow('no answer within 1 s');
  });
});
