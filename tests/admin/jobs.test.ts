import { describe, expect, test } from 'bun:test';
import type { JobStatus } from '../../server/jobs/scheduler';
import { adminClient, loggedInAdmin, trpcData } from '../helpers/admin-client';
import { startProxy } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';

const h = proxyWithFake();
const GOOD = `AIza${'g'.repeat(35)}`;
const HOUR = 3_600_000;

const loggedIn = loggedInAdmin;

const recheck = (jobs: JobStatus[]) => jobs.find((j) => j.name === 'key-recheck');

describe('jobs', () => {
  test('list shows the key re-check with its next run; running it puts a recovered key back and records the run', async () => {
    const { p, f } = await h.setup({ [GOOD]: { kind: 'ok' } }, { CHECK_INTERVAL_HOURS: '2' });
    const admin = await loggedIn(p);
    const before = recheck(await trpcData<JobStatus[]>(await admin.query('jobs.list')));
    expect(before).toMatchObject({ enabled: true, running: false, lastRun: null, nextRun: h.clock.t + 2 * HOUR });
    p.deps.pool.update(GOOD, (k) => ({ ...k, status: 'disabled', disabledReason: 'test' }));
    const after = await trpcData<JobStatus>(await admin.mutate('jobs.run', { name: 'key-recheck' }));
    expect(after.lastRun).toMatchObject({ ok: true, summary: '1 keys probed, 1 back in service' });
    expect(p.deps.pool.snapshot()[0]?.status).toBe('active');
    expect(f.requests.at(-1)?.path).toContain(':generateContent');
  });

  test('the scheduler runs a due job on its tick, and CHECK_INTERVAL_HOURS=0 switches it off', async () => {
    const { p } = await h.setup({ [GOOD]: { kind: 'ok' } }, { CHECK_INTERVAL_HOURS: '1' });
    h.clock.t += HOUR + 1;
    await p.deps.jobs.tick();
    expect(recheck(p.deps.jobs.list())?.lastRun?.ok).toBe(true);
    const admin = await loggedIn(p);
    await trpcData(await admin.mutate('settings.update', { changes: { CHECK_INTERVAL_HOURS: 0 } }));
    expect(recheck(p.deps.jobs.list())).toMatchObject({ enabled: false, nextRun: null });
  });

  test('log retention: listed as on by default (error logs), and a run deletes only rows older than the kept days', async () => {
    const { p } = await h.setup({ [GOOD]: { kind: 'ok' } }, { AUTO_DELETE_ERROR_LOGS_DAYS: '7' });
    const now = h.clock.t;
    const row = (at: number) => ({ at, keyFingerprint: 'fp', model: 'm', status: 500, errorType: 'gemini-generateContent', message: 'x', requestBody: null });
    await p.repo.insertErrorLogs([row(now - 8 * 86_400_000), row(now - 6 * 86_400_000)]);
    const admin = await loggedIn(p);
    const listed = (await trpcData<JobStatus[]>(await admin.query('jobs.list'))).find((j) => j.name === 'log-retention');
    expect(listed).toMatchObject({ enabled: true, nextRun: now + 86_400_000 });
    const ran = await trpcData<JobStatus>(await admin.mutate('jobs.run', { name: 'log-retention' }));
    expect(ran.lastRun?.summary).toBe('deleted 0 request logs and 1 error logs');
    expect((await p.repo.listErrorLogs(10)).map((r) => r.at)).toEqual([now - 6 * 86_400_000]);
  });

  test('files cleanup: listed with its interval (FILES_CLEANUP_INTERVAL_HOURS), switched off by FILES_CLEANUP_ENABLED, and a run removes expired records', async () => {
    const { p } = await h.setup({ [GOOD]: { kind: 'ok' } }, { FILES_CLEANUP_INTERVAL_HOURS: '3' });
    const now = h.clock.t;
    const file = (name: string, expiresAt: number) => ({ name, displayName: null, mimeType: 'text/plain', sizeBytes: 1, state: 'ACTIVE', uri: `u/${name}`, keyFingerprint: 'none', ownerToken: null, createdAt: now - 1, expiresAt });
    await p.repo.saveFile(file('files/old', now - 1));
    await p.repo.saveFile(file('files/new', now + HOUR));
    const admin = await loggedIn(p);
    const listed = (await trpcData<JobStatus[]>(await admin.query('jobs.list'))).find((j) => j.name === 'files-cleanup');
    expect(listed).toMatchObject({ enabled: true, nextRun: now + 3 * HOUR });
    const ran = await trpcData<JobStatus>(await admin.mutate('jobs.run', { name: 'files-cleanup' }));
    expect(ran.lastRun?.summary).toBe('removed 1 expired file records (0 deleted at Google)');
    expect(await p.repo.file('files/old')).toBeNull();
    expect(await p.repo.file('files/new')).not.toBeNull();
    await trpcData(await admin.mutate('settings.update', { changes: { FILES_CLEANUP_ENABLED: false } }));
    expect(p.deps.jobs.list().find((j) => j.name === 'files-cleanup')).toMatchObject({ enabled: false, nextRun: null });
  });

  test('an unknown job is a 404; without a session 401', async () => {
    const { p } = await h.setup({ [GOOD]: { kind: 'ok' } });
    expect((await adminClient(p).query('jobs.list')).status).toBe(401);
    expect((await (await loggedIn(p)).mutate('jobs.run', { name: 'nope' })).status).toBe(404);
  });
});

describe('job history across restarts', () => {
  test('a job that ran before a restart is not due again until its interval has passed since that run', async () => {
    const { p, f } = await h.setup({ [GOOD]: { kind: 'ok' } }, { CHECK_INTERVAL_HOURS: '1' });
    await p.deps.jobs.runNow('key-recheck');
    const ranAt = h.clock.t;
    await Bun.sleep(50);
    const again = await startProxy({ upstreamUrl: f.url, keys: [GOOD], sqlitePath: p.sqlitePath, now: () => h.clock.t });
    try {
      h.clock.t += 30 * 60_000;
      await again.deps.jobs.start();
      again.deps.jobs.stop();
      const job = again.deps.jobs.list().find((j) => j.name === 'key-recheck');
      expect(job?.lastRun?.at).toBe(ranAt);
      expect(job?.nextRun).toBe(ranAt + HOUR);
    } finally {
      await again.stop();
    }
  });
});
