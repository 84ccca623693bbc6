import { afterAll, describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { adminClient, trpcData } from '../helpers/admin-client';
import { type ServerProcess, startOrThrow } from '../helpers/server-process';
import { tempDirsRemovedAfterAll } from '../helpers/temp-dir';

// Issue 9 (point 2, part): the server killed with SIGKILL while settings are being saved. After a
// restart the settings are one whole save or the other, never half of each.
const dirs = tempDirsRemovedAfterAll();
const TOKEN = 'kill-test-admin-token';
const SET_A = { MAX_RETRIES: 1, TIME_OUT: 101, MAX_FAILURES: 11, TEST_MODEL: 'model-a', SEARCH_MODELS: ['a-1', 'a-2'], CUSTOM_HEADERS: { 'X-Set': 'a' } };
const SET_B = { MAX_RETRIES: 2, TIME_OUT: 202, MAX_FAILURES: 22, TEST_MODEL: 'model-b', SEARCH_MODELS: ['b-1'], CUSTOM_HEADERS: { 'X-Set': 'b' } };
const NAMES = Object.keys(SET_A) as (keyof typeof SET_A)[];

async function settingsOf(server: ServerProcess): Promise<Record<string, unknown>> {
  const admin = adminClient(server);
  expect((await admin.mutate('auth.login', { token: TOKEN })).status).toBe(200);
  return (await trpcData<{ settings: Record<string, unknown> }>(await admin.query('settings.export'))).settings;
}

describe('SIGKILL during settings saves', () => {
  const running: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of running) await s.stop().catch(() => 0);
  });

  test('five kills at random moments of a stream of saves: each restart finds one whole save', async () => {
    const cwd = dirs.fresh();
    const env = { SQLITE_DATABASE: join(cwd, 'kill.db'), AUTH_TOKEN: TOKEN, LOG_LEVEL: 'ERROR' };
    let initial: Record<string, unknown> | undefined;
    let answeredSaves = 0;
    let roundsWithASave = 0;
    for (let round = 0; round < 5; round++) {
      const server = await startOrThrow(cwd, env);
      running.push(server);
      // The settings before any save: a kill before the first commit leaves exactly these.
      initial ??= await settingsOf(server);
      const admin = adminClient(server);
      expect((await admin.mutate('auth.login', { token: TOKEN })).status).toBe(200);
      // Saves back to back, alternating the two sets, until the kill cuts one off somewhere.
      let stop = false;
      let answered = 0;
      const saving = (async () => {
        for (let i = 0; !stop; i++) {
          const res = await admin.mutate('settings.update', { changes: i % 2 === 0 ? SET_A : SET_B }).catch(() => undefined);
          if (res?.status === 200) answered++;
        }
      })();
      await Bun.sleep(50 + Math.floor(Math.random() * 250));
      server.proc.kill('SIGKILL');
      await server.proc.exited;
      stop = true;
      await saving;
      const restarted = await startOrThrow(cwd, env);
      running.push(restarted);
      const settings = await settingsOf(restarted);
      const picked = NAMES.map((n) => settings[n]);
      const isA = NAMES.every((n) => JSON.stringify(settings[n]) === JSON.stringify(SET_A[n]));
      const isB = NAMES.every((n) => JSON.stringify(settings[n]) === JSON.stringify(SET_B[n]));
      const isInitial = NAMES.every((n) => JSON.stringify(settings[n]) === JSON.stringify(initial?.[n]));
      expect({ round, whole: isA || isB || isInitial, picked }).toMatchObject({ whole: true });
      // A save the server said was done survives the kill (the kill may still cut off a later one).
      if (answered > 0) expect({ round, answered, kept: isA || isB }).toMatchObject({ kept: true });
      answeredSaves += answered;
      if (isA || isB) roundsWithASave++;
      await restarted.stop();
    }
    // Otherwise the kills all came before any save and the test proved nothing.
    expect(answeredSaves).toBeGreaterThan(0);
    expect(roundsWithASave).toBeGreaterThan(0);
  }, 120_000);
});
