import { describe, expect, test } from 'bun:test';
import type { NewErrorLog, NewRequestLog } from '../../db/repository';
import { createLogger } from '../../server/log';
import { createRecorder } from '../../server/proxy/recorder';

const row = (at: number): NewRequestLog => ({
  at,
  tokenLabel: 'ALLOWED_TOKENS',
  keyFingerprint: 'fp',
  model: 'gemini-2.5-flash',
  endpoint: 'generateContent',
  status: 200,
  outcome: 'ok',
  latencyMs: 3,
  promptTokens: 1,
  completionTokens: 2,
  attempt: 1,
  errorCode: null,
  finishReason: null,
});

/** A database that can be switched off, and remembers every write it accepted. */
function fakeDatabase() {
  const writes: number[][] = [];
  let down = false;
  return {
    writes,
    stored: () => writes.flat(),
    setDown: (value: boolean) => (down = value),
    repo: {
      async insertRequestLogs(rows: readonly NewRequestLog[]) {
        if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:3306');
        writes.push(rows.map((r) => r.at));
      },
      async insertErrorLogs(_rows: readonly NewErrorLog[]) {},
    },
  };
}

const quiet = () => {
  const lines: string[] = [];
  return { lines, log: createLogger('INFO', (line) => lines.push(line)) };
};

describe('write-behind request log', () => {
  test('writes in slices of sliceRows, every row once and in order', async () => {
    const db = fakeDatabase();
    const recorder = createRecorder(db.repo, quiet().log, { intervalMs: 60_000, sliceRows: 100 });
    for (let i = 0; i < 1000; i++) recorder.request(row(i));
    await recorder.flush();
    expect(db.writes.map((w) => w.length)).toEqual(Array(10).fill(100));
    expect(db.stored()).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(recorder.depth()).toBe(0);
    await recorder.stop();
  });

  test('keeps rows through an outage and writes them after it, none lost or doubled', async () => {
    const db = fakeDatabase();
    const { lines, log } = quiet();
    const recorder = createRecorder(db.repo, log, { intervalMs: 60_000, sliceRows: 50 });
    db.setDown(true);
    for (let i = 0; i < 120; i++) recorder.request(row(i));
    await recorder.flush();
    await recorder.flush();
    expect(recorder.depth()).toBe(120);
    expect(lines.filter((l) => l.includes('cannot write to the database'))).toHaveLength(1);
    db.setDown(false);
    for (let i = 120; i < 130; i++) recorder.request(row(i));
    await recorder.stop();
    expect(db.stored()).toEqual(Array.from({ length: 130 }, (_, i) => i));
    expect(lines.some((l) => l.includes('answers again'))).toBe(true);
  });

  test('a full buffer drops the oldest rows and says how many', async () => {
    const db = fakeDatabase();
    const { lines, log } = quiet();
    const recorder = createRecorder(db.repo, log, { intervalMs: 60_000, maxBuffered: 1000 });
    db.setDown(true);
    for (let i = 0; i < 5000; i++) recorder.request(row(i));
    expect(recorder.depth()).toBeLessThanOrEqual(1010);
    db.setDown(false);
    await recorder.stop();
    const stored = db.stored();
    expect(stored.at(-1)).toBe(4999);
    expect(stored.length).toBeGreaterThanOrEqual(1000);
    expect(stored).toEqual(Array.from({ length: stored.length }, (_, i) => 5000 - stored.length + i));
    expect(lines.find((l) => l.includes('rows dropped'))).toContain(`${5000 - stored.length} rows dropped`);
  });

  test('the timer keeps writing while requests keep coming', async () => {
    const db = fakeDatabase();
    const recorder = createRecorder(db.repo, quiet().log, { intervalMs: 10, sliceRows: 10 });
    for (let i = 0; i < 300; i++) {
      recorder.request(row(i));
      if (i % 30 === 0) await Bun.sleep(2);
    }
    await Bun.sleep(100);
    expect(db.stored()).toEqual(Array.from({ length: 300 }, (_, i) => i));
    await recorder.stop();
  });
});
