import { describe, expect, test } from 'bun:test';
import type { KeyListItem, KeyPage } from '../../server/admin/keys/list-keys';
import type { VerifyProgress } from '../../server/admin/keys/verify-jobs';
import { newKeyState } from '../../server/keypool/machine';
import { fingerprint } from '../../server/keypool/keys';
import { adminCaller, adminClient, loggedInAdmin, trpcData } from '../helpers/admin-client';
import { CLIENT_TOKEN, type RunningProxy } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';

// The keys router: over real HTTP with a session cookie, and through createCaller.
const h = proxyWithFake();
const key = (c: string) => `AIzaSy${c.repeat(33)}`;
const [A, B, C, D, E] = ['A', 'B', 'C', 'D', 'E'].map(key) as [string, string, string, string, string];
const NEW = `AIzaSyNew${'n'.repeat(30)}`;

const caller = adminCaller;

const loggedIn = loggedInAdmin;

const generate = (p: RunningProxy) =>
  fetch(`${p.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
    method: 'POST',
    headers: { 'x-goog-api-key': CLIENT_TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello' }] }] }),
  });

/** The keys the fake upstream received for `n` client requests. */
async function keysUsedFor(p: RunningProxy, requests: { key: string | null }[], n: number): Promise<string[]> {
  requests.length = 0;
  for (let i = 0; i < n; i++) expect((await generate(p)).status).toBe(200);
  return requests.map((r) => r.key ?? '');
}

const stateOf = (p: RunningProxy, k: string) => p.deps.pool.snapshot().find((s) => s.key === k);
const storedRow = async (p: RunningProxy, k: string) => (await p.repo.listKeys()).find((r) => r.key === k);
const ok = { kind: 'ok' } as const;

describe('keys: sessions', () => {
  test('no session → 401 over HTTP and UNAUTHORIZED through createCaller; nothing is added', async () => {
    const { p } = await h.setup({ [A]: ok });
    const anonymous = adminClient(p);
    expect((await anonymous.query('keys.list', {})).status).toBe(401);
    expect((await anonymous.mutate('keys.add', { text: NEW })).status).toBe(401);
    expect((await anonymous.query('keys.export')).status).toBe(401);
    await expect(caller(p.deps, null).keys.add({ text: NEW })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(p.deps.pool.has(NEW)).toBe(false);
    expect(await p.repo.countKeys()).toBe(1);
  });
});

describe('keys.list', () => {
  test('pages, searches case-insensitively and filters by status and kind', async () => {
    const { p } = await h.setup({ [A]: ok, [B]: ok, [C]: ok, [D]: ok, [E]: ok });
    const admin = await loggedIn(p);
    await p.repo.insertKeys([{ key: `AIzaSyVertex${'v'.repeat(27)}`, kind: 'vertex' }], 1);
    p.deps.pools.vertex.add([newKeyState(`AIzaSyVertex${'v'.repeat(27)}`, 'vertex')]);
    await caller(p.deps).keys.disable({ ids: [fingerprint(D)], reason: 'leaked' });

    const first = await trpcData<KeyPage>(await admin.query('keys.list', { page: 1, pageSize: 2 }));
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: 6 });
    expect(first.items.map((i) => i.id)).toEqual([fingerprint(A), fingerprint(B)]);
    const last = await trpcData<KeyPage>(await admin.query('keys.list', { page: 3, pageSize: 2 }));
    expect(last.items.map((i) => i.kind)).toEqual(['gemini', 'vertex']);
    expect((await trpcData<KeyPage>(await admin.query('keys.list', { page: 9 }))).items).toEqual([]);

    const search = await trpcData<KeyPage>(await admin.query('keys.list', { search: 'ccccc' }));
    expect(search.items.map((i) => i.id)).toEqual([fingerprint(C)]);
    const disabled = await trpcData<KeyPage>(await admin.query('keys.list', { status: 'disabled' }));
    expect(disabled.items.map((i) => [i.id, i.disabledReason])).toEqual([[fingerprint(D), 'leaked']]);
    expect((await trpcData<KeyPage>(await admin.query('keys.list', { kind: 'vertex' }))).total).toBe(1);
    expect((await trpcData<KeyPage>(await admin.query('keys.list', { kind: 'gemini', status: 'active' }))).total).toBe(4);
  });

  test('keys are masked (first 8, last 4): no full key anywhere in the answer', async () => {
    const { p } = await h.setup({ [A]: ok, [B]: ok });
    const res = await (await loggedIn(p)).query('keys.list', {});
    const text = await res.text();
    for (const k of [A, B]) expect(text).not.toContain(k);
    const { items } = (JSON.parse(text) as { result: { data: KeyPage } }).result.data;
    expect(items.map((i) => i.masked)).toEqual([`${A.slice(0, 8)}…${A.slice(-4)}`, `${B.slice(0, 8)}…${B.slice(-4)}`]);
  });

  test('shows live pool state and the last 24 h of calls and failures per key', async () => {
    const { p } = await h.setup({ [A]: ok, [B]: { kind: 'rate-limited', retryDelay: '30s' } });
    for (let i = 0; i < 3; i++) await generate(p);
    await p.deps.recorder.flush();
    const { items } = await caller(p.deps).keys.list({});
    const byId = new Map<string, KeyListItem>(items.map((i) => [i.id, i]));
    expect(byId.get(fingerprint(A))?.usage24h).toEqual({ calls: 3, failures: 0 });
    expect(byId.get(fingerprint(B))?.usage24h).toEqual({ calls: 1, failures: 1 });
    expect(byId.get(fingerprint(B))?.modelCooldowns).toEqual({ 'gemini-2.5-flash': h.clock.t + 30_000 });
    expect(byId.get(fingerprint(A))?.lastUsedAt).toBe(h.clock.t);
  });
});

describe('keys.add with a kind', () => {
  test('Vertex Express and paid keys join their own pools (and rows); a key already in any pool is a duplicate', async () => {
    const { p } = await h.setup({ [A]: ok });
    const admin = await loggedIn(p);
    const vertex = `AQ.Ab8RN6${'q'.repeat(50)}`;
    const added = await trpcData<{ added: number; duplicates: number; invalid: number }>(
      await admin.mutate('keys.add', { text: `VERTEX_API_KEYS=${vertex},AQ.too-short, ${vertex}`, kind: 'vertex' }),
    );
    expect(added).toEqual({ added: 1, duplicates: 1, invalid: 1 });
    expect(p.deps.pools.vertex.snapshot().map((k) => k.key)).toEqual([vertex]);
    expect(await storedRow(p, vertex)).toMatchObject({ kind: 'vertex', status: 'active' });

    const paid = `AIzaSyPaid${'z'.repeat(29)}`;
    expect(await trpcData(await admin.mutate('keys.add', { text: `${paid} ${A}`, kind: 'paid' }))).toEqual({ added: 1, duplicates: 1, invalid: 0 });
    expect(p.deps.pools.paid.snapshot().map((k) => k.key)).toEqual([paid]);
    expect(p.deps.pool.has(paid)).toBe(false);
    const none = await admin.mutate('keys.add', { text: A, kind: 'vertex' });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: { message: string } }).error.message).toContain('No Vertex Express key found in the text');
  });
});

describe('keys.add', () => {
  test('counts added, duplicates and invalid tokens; the new key serves the very next request', async () => {
    const { p, f } = await h.setup({ [A]: ok });
    f.setKey(NEW, ok);
    const admin = await loggedIn(p);
    await caller(p.deps).keys.disable({ ids: [fingerprint(A)] });
    const text = `API_KEYS=["${NEW}", "${A}"]\n${NEW}\nAIzaTooShort, hello ${A}x`;
    const res = await admin.mutate('keys.add', { text });
    expect(await trpcData(res)).toEqual({ added: 1, duplicates: 2, invalid: 2 });
    expect((await storedRow(p, NEW))?.kind).toBe('gemini');
    expect(await keysUsedFor(p, f.requests, 2)).toEqual([NEW, NEW]);
    // Adding did not reset the others: A is still disabled with its reason.
    expect(stateOf(p, A)).toMatchObject({ status: 'disabled', disabledReason: 'Disabled in the dashboard.' });
  });

  test('an empty paste, or one without any key, is a 400 and adds nothing', async () => {
    const { p } = await h.setup({ [A]: ok });
    const admin = await loggedIn(p);
    for (const text of ['', '   \n ', 'no keys here', 'AIzaSyShort']) {
      const res = await admin.mutate('keys.add', { text });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/Paste at least one key|No Gemini API key found/);
    }
    expect(await p.repo.countKeys()).toBe(1);
    expect(p.deps.pool.size()).toBe(1);
  });
});

describe('keys: enable, disable, reset, delete', () => {
  test('disable takes a key out of service (persisted, with the reason); enable brings it back', async () => {
    const { p, f } = await h.setup({ [A]: ok, [B]: ok });
    const admin = await loggedIn(p);
    const res = await admin.mutate('keys.disable', { ids: [fingerprint(A)], reason: 'billing moved' });
    expect(await trpcData(res)).toEqual({ updated: 1 });
    expect(await keysUsedFor(p, f.requests, 4)).toEqual([B, B, B, B]);
    expect(await storedRow(p, A)).toMatchObject({ status: 'disabled', disabledReason: 'billing moved' });

    expect(await trpcData(await admin.mutate('keys.enable', { ids: [fingerprint(A)] }))).toEqual({ updated: 1 });
    expect(await keysUsedFor(p, f.requests, 4)).toContain(A);
    expect(await storedRow(p, A)).toMatchObject({ status: 'active', disabledReason: null });
  });

  test('resetFailures ends a cooling rest and clears the failure count', async () => {
    const { p } = await h.setup({ [A]: ok, [B]: ok });
    for (let i = 0; i < 3; i++) p.deps.pool.settle(A, { kind: 'transient', reason: '503: overloaded' });
    expect(stateOf(p, A)).toMatchObject({ status: 'cooling', failures: 3 });
    expect(await caller(p.deps).keys.resetFailures({ ids: [fingerprint(A), fingerprint(B)] })).toEqual({ updated: 2 });
    expect(stateOf(p, A)).toMatchObject({ status: 'active', failures: 0, cooldownUntil: null });
    expect(await storedRow(p, A)).toMatchObject({ status: 'active', failures: 0 });
  });

  test('delete removes the row and the key from the rotation; a second delete is a 404', async () => {
    const { p, f } = await h.setup({ [A]: ok, [B]: ok, [C]: ok });
    const admin = await loggedIn(p);
    expect(await trpcData(await admin.mutate('keys.delete', { ids: [fingerprint(A), fingerprint(C)] }))).toEqual({ deleted: 2 });
    expect((await p.repo.listKeys()).map((r) => r.key)).toEqual([B]);
    expect(await keysUsedFor(p, f.requests, 3)).toEqual([B, B, B]);
    const again = await admin.mutate('keys.delete', { ids: [fingerprint(A)] });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain(fingerprint(A));
  });

  test('paid and vertex keys change in their own pools (and rows), never in the Gemini rotation', async () => {
    const { p } = await h.setup({ [A]: ok });
    const paid = `AIzaSyPaidKey${'p'.repeat(26)}`;
    const vertex = `AQ.Ab8RN6${'v'.repeat(50)}`;
    await p.repo.insertKeys([{ key: paid, kind: 'paid' }, { key: vertex, kind: 'vertex' }], 1);
    p.deps.pools.paid.add([newKeyState(paid, 'paid')]);
    p.deps.pools.vertex.add([newKeyState(vertex, 'vertex')]);
    await caller(p.deps).keys.disable({ ids: [fingerprint(paid), fingerprint(vertex)], reason: 'paused' });
    expect(p.deps.pools.paid.snapshot()[0]).toMatchObject({ status: 'disabled', disabledReason: 'paused' });
    expect(p.deps.pools.vertex.snapshot()[0]).toMatchObject({ status: 'disabled', disabledReason: 'paused' });
    expect(await storedRow(p, paid)).toMatchObject({ kind: 'paid', status: 'disabled' });
    expect(await storedRow(p, vertex)).toMatchObject({ kind: 'vertex', status: 'disabled' });
    expect(p.deps.pool.has(paid) || p.deps.pool.has(vertex)).toBe(false);
    await caller(p.deps).keys.delete({ ids: [fingerprint(paid)] });
    expect(p.deps.pools.paid.size()).toBe(0);
  });
});

describe('keys.verify', () => {
  test('runs in the background; progress is polled until done; valid keys enabled, invalid disabled with Google’s reason', async () => {
    // Google's answers are held back until the job has been seen running.
    const { promise: answered, resolve: answer } = Promise.withResolvers<void>();
    const held = (real: (r: Request) => Promise<Response>) => async (r: Request) => answered.then(() => real(r));
    const { p } = await h.setup({ [A]: ok, [B]: { kind: 'invalid-key' }, [C]: ok }, {}, held);
    const admin = await loggedIn(p);
    await caller(p.deps).keys.disable({ ids: [fingerprint(A)] });
    const started = await trpcData<{ jobId: string; total: number }>(await admin.mutate('keys.verify', { ids: [fingerprint(A), fingerprint(B)] }));
    expect(started.total).toBe(2);
    const running = await caller(p.deps).keys.verifyStatus({ jobId: started.jobId });
    expect(running).toMatchObject({ total: 2, done: 0, finished: false, results: [] });
    answer();
    let progress: VerifyProgress | undefined;
    for (let i = 0; i < 100 && !progress?.finished; i++) {
      progress = await trpcData<VerifyProgress>(await admin.query('keys.verifyStatus', { jobId: started.jobId }));
      if (!progress.finished) await Bun.sleep(20);
    }
    expect(progress).toMatchObject({ total: 2, done: 2, valid: 1, invalid: 1, finished: true });
    const results = new Map(progress?.results.map((r) => [r.id, r]));
    expect(results.get(fingerprint(A))).toEqual({ id: fingerprint(A), masked: `${A.slice(0, 8)}…${A.slice(-4)}`, ok: true, error: null });
    expect(results.get(fingerprint(B))?.error).toContain('API_KEY_INVALID');
    expect(stateOf(p, A)?.status).toBe('active');
    expect(stateOf(p, B)).toMatchObject({ status: 'disabled' });
    expect(stateOf(p, B)?.disabledReason).toContain('API_KEY_INVALID');
  });

  test('an unknown job is a 404; only the last 20 jobs are kept', async () => {
    const { p } = await h.setup({ [A]: ok });
    expect((await (await loggedIn(p)).query('keys.verifyStatus', { jobId: crypto.randomUUID() })).status).toBe(404);
    const jobs = [];
    for (let i = 0; i < 21; i++) jobs.push((await caller(p.deps).keys.verify({ ids: [fingerprint(A)] })).jobId);
    await expect(caller(p.deps).keys.verifyStatus({ jobId: jobs[0] ?? '' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await caller(p.deps).keys.verifyStatus({ jobId: jobs[20] ?? '' })).total).toBe(1);
  });
});

describe('keys.export and keys.copy', () => {
  test('reveal full keys: valid (active, cooling) and invalid (disabled)', async () => {
    const { p } = await h.setup({ [A]: ok, [B]: ok, [C]: ok });
    const admin = await loggedIn(p);
    await caller(p.deps).keys.disable({ ids: [fingerprint(B)] });
    expect(await trpcData(await admin.query('keys.export'))).toEqual({ valid: [A, C], invalid: [B] });
    expect(await trpcData(await admin.query('keys.export', { kind: 'vertex' }))).toEqual({ valid: [], invalid: [] });
    expect(await trpcData(await admin.query('keys.copy', { ids: [fingerprint(C)] }))).toEqual({ keys: [{ id: fingerprint(C), key: C }] });
  });
});

describe('keys: bad input is refused and changes nothing', () => {
  test('400 for bad paging, malformed ids and unknown fields; 404 for unknown ids', async () => {
    const { p } = await h.setup({ [A]: ok, [B]: ok });
    const admin = await loggedIn(p);
    const before = JSON.stringify(p.deps.pool.snapshot());
    const cases: Array<[Response, number, string]> = [
      [await admin.query('keys.list', { page: 0 }), 400, 'page starts at 1'],
      [await admin.query('keys.list', { pageSize: 10_000 }), 400, 'pageSize is at most 500'],
      [await admin.query('keys.list', { status: 'broken' }), 400, 'status is one of'],
      [await admin.mutate('keys.disable', { ids: [] }), 400, 'Give at least one key id'],
      [await admin.mutate('keys.enable', { ids: ['not-an-id'] }), 400, 'A key id is 16 hex characters'],
      [await admin.mutate('keys.delete', { ids: [fingerprint(A)], everything: true }), 400, 'everything'],
      [await admin.mutate('keys.disable', { ids: [fingerprint(A), '0123456789abcdef'] }), 404, '0123456789abcdef'],
      [await admin.mutate('keys.delete', { ids: ['0123456789abcdef'] }), 404, 'Nothing was changed'],
    ];
    for (const [res, status, message] of cases) {
      expect(res.status).toBe(status);
      expect(await res.text()).toContain(message);
    }
    expect(JSON.stringify(p.deps.pool.snapshot())).toBe(before);
    expect((await p.repo.listKeys()).map((r) => [r.key, r.status])).toEqual([[A, 'active'], [B, 'active']]);
  });
});
