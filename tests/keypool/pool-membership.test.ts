import { afterEach, describe, expect, test } from 'bun:test';
import { disable, newKeyState } from '../../server/keypool/machine';
import { createKeyPool, type KeyPool } from '../../server/keypool/pool';
import { createLogger } from '../../server/log';
import { type OpenedDatabase, openSqlite } from '../helpers/repositories';

// pool.add / pool.remove: the admin adds and deletes keys while the proxy is serving; nobody
// else's state or turn may change.
const key = (c: string) => `AIzaSy${c.repeat(33)}`;
const [A, B, C, D] = ['A', 'B', 'C', 'D'].map(key) as [string, string, string, string];
const config = () => ({ maxFailures: 3, coolingBaseMs: 60_000, coolingMaxMs: 1_800_000, rateLimitDefaultMs: 60_000 });

let db: OpenedDatabase | undefined;
let pool: KeyPool | undefined;
afterEach(async () => {
  await pool?.stop();
  await db?.dispose();
  pool = undefined;
  db = undefined;
});

async function poolOf(keys: readonly string[]) {
  db = await openSqlite();
  await db.repo.insertKeys(keys.map((k) => ({ key: k, kind: 'gemini' })), 1);
  const rows = await db.repo.listKeys();
  const options = { now: () => 1_000_000, config, breaker: { windowMs: 10_000, openMs: 30_000, minKeys: 3, fraction: 0 }, persistMs: 60_000 };
  pool = createKeyPool(rows, db.repo, createLogger('ERROR', () => undefined), options);
  return { p: pool, repo: db.repo };
}

const picks = (p: KeyPool, n: number) => Array.from({ length: n }, () => p.pick('m', new Set()).key);

describe('pool.add', () => {
  test('new keys join the rotation after the existing ones; held keys keep their state', async () => {
    const { p } = await poolOf([A, B]);
    p.update(A, (k) => disable(k, 'leaked'));
    expect(p.add([newKeyState(A, 'gemini'), newKeyState(C, 'gemini'), newKeyState(C, 'gemini')])).toBe(1);
    expect(p.snapshot().map((k) => [k.key, k.status])).toEqual([[A, 'disabled'], [B, 'active'], [C, 'active']]);
    expect(p.has(C)).toBe(true);
    expect(picks(p, 4)).toEqual([B, C, B, C]);
  });

  test('an earlier snapshot does not grow under a reader', async () => {
    const { p } = await poolOf([A]);
    const before = p.snapshot();
    p.add([newKeyState(B, 'gemini')]);
    expect(before.length).toBe(1);
    expect(p.size()).toBe(2);
  });
});

describe('pool.remove', () => {
  test('removed keys are never picked again; the round robin resumes at the same next key', async () => {
    const { p } = await poolOf([A, B, C, D]);
    expect(picks(p, 2)).toEqual([A, B]);
    expect(p.remove([A, key('Z')])).toBe(1);
    expect(picks(p, 4)).toEqual([C, D, B, C]);
    expect(p.has(A)).toBe(false);
  });

  test('a removed key’s pending state is not written; settling it afterwards is ignored', async () => {
    const { p, repo } = await poolOf([A, B]);
    p.update(A, (k) => disable(k, 'leaked'));
    p.remove([A]);
    p.settle(A, { kind: 'ok', model: 'm' });
    await p.flush();
    expect((await repo.listKeys()).map((r) => [r.key, r.status])).toEqual([[A, 'active'], [B, 'active']]);
  });
});

describe('saving key states', () => {
  test('a use that also changes the key’s state (a 429) writes when it was used, as a plain use does', async () => {
    const { p, repo } = await poolOf([A, B]);
    p.settle(A, { kind: 'rate-limited', model: 'm', retryAfterMs: 30_000 });
    p.settle(B, { kind: 'ok', model: 'm' });
    await p.flush();
    const rows = await repo.listKeys();
    expect(rows.map((r) => [r.key, r.lastUsedAt])).toEqual([[A, 1_000_000], [B, 1_000_000]]);
    expect(JSON.parse(rows[0]?.modelCooldowns ?? '{}')).toEqual({ m: 1_030_000 });
  });

  test('one save at a time: while a slow one runs no other starts, and the newest state is written last', async () => {
    db = await openSqlite();
    await db.repo.insertKeys([{ key: A, kind: 'gemini' }], 1);
    const real = db.repo;
    // Every save that waits is released: were two ever in flight, the test fails on `most`, not on a hang.
    const waiting: (() => void)[] = [];
    const saves: string[] = [];
    let inFlight = 0;
    let most = 0;
    // The first save hangs until released, as on a database that stopped answering for a while.
    const slow = Object.create(real) as typeof real;
    slow.saveKeyChanges = async (changes) => {
      inFlight++;
      most = Math.max(most, inFlight);
      if (saves.length === 0) await new Promise<void>((resolve) => waiting.push(resolve));
      saves.push(changes.map((c) => c.status?.status ?? '-').join());
      await real.saveKeyChanges(changes);
      inFlight--;
    };
    const options = { now: () => 1_000_000, config, breaker: { windowMs: 10_000, openMs: 30_000, minKeys: 3, fraction: 0 }, persistMs: 10 };
    pool = createKeyPool(await real.listKeys(), slow, createLogger('ERROR', () => undefined), options);
    pool.update(A, (k) => disable(k, 'first'));
    await Bun.sleep(50);
    pool.update(A, (k) => ({ ...k, status: 'active', disabledReason: null }));
    await Bun.sleep(50);
    for (const release of waiting) release();
    await Bun.sleep(50);
    await pool.flush();
    expect(most).toBe(1);
    expect(saves).toEqual(['disabled', 'active']);
    expect((await real.listKeys())[0]?.status).toBe('active');
  });
});
