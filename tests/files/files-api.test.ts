import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ApiError, GoogleGenAI } from '@google/genai';
import { cleanExpiredFiles } from '../../server/jobs/files-cleanup-job';
import { fingerprint } from '../../server/keypool/keys';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream/server';
import { CLIENT_TOKEN, type RunningProxy, startProxy } from '../helpers/proxy-app';

// Google's official JS SDK against the proxy: resumable upload, get, list, use in a prompt, delete.
const KEYS = [1, 2, 3].map((n) => `AIzaSy${String(n).repeat(33)}`);
const OTHER_TOKEN = 'sk-other-team-token-0002';
const clock = { t: Date.now() };

let fake: FakeUpstream;
let proxy: RunningProxy;
const genai = (apiKey = CLIENT_TOKEN) => new GoogleGenAI({ apiKey, httpOptions: { baseUrl: proxy.url, retryOptions: { attempts: 1 } } });

beforeAll(async () => {
  fake = await startFakeUpstream();
  for (const key of KEYS) fake.setKey(key, { kind: 'ok' });
  proxy = await startProxy({ upstreamUrl: fake.url, keys: KEYS, env: { ALLOWED_TOKENS: `${CLIENT_TOKEN},${OTHER_TOKEN}` }, now: () => clock.t });
});
afterAll(async () => {
  await proxy.stop();
  await fake.stop();
});

const upload = (text: string, displayName: string, apiKey = CLIENT_TOKEN) =>
  genai(apiKey).files.upload({ file: new Blob([text], { type: 'text/plain' }), config: { mimeType: 'text/plain', displayName } });

/** The key the fake saw on the last request to a path (the proxy's choice of key). */
const keyOfLast = (pathPart: string) => fake.requests.filter((r) => r.path.includes(pathPart)).at(-1)?.key;

describe('Files API through the proxy (official @google/genai SDK)', () => {
  test('upload: the SDK gets a file back; every upload request used one key; the client token never reached Google', async () => {
    const before = fake.requests.length;
    const file = await upload('Paris is the capital of France.', '笔记 notes.txt');
    expect(file.name).toMatch(/^files\/\w+$/);
    expect(file.displayName).toBe('笔记 notes.txt');
    expect(file.sizeBytes).toBe(String(Buffer.byteLength('Paris is the capital of France.')));
    expect(String(file.state)).toBe('ACTIVE');
    const sent = fake.requests.slice(before);
    expect(sent.map((r) => r.path)).toEqual(['/upload/v1beta/files', '/upload/v1beta/files']);
    expect(new Set(sent.map((r) => r.key)).size).toBe(1);
    expect(KEYS).toContain(sent[0]?.key ?? '');
    expect(JSON.stringify(sent)).not.toContain(CLIENT_TOKEN);
    expect(fake.files.get(file.name ?? '')?.body).toBe('Paris is the capital of France.');
  });

  test('a file larger than the SDK\'s 8 MB chunks arrives whole, every chunk sent with the same key', async () => {
    const big = 'abcdefghij'.repeat(1_000_000);
    const before = fake.requests.length;
    const file = await upload(big, 'big.txt');
    const sent = fake.requests.slice(before);
    expect(sent.length).toBe(3);
    expect(new Set(sent.map((r) => r.key)).size).toBe(1);
    expect(fake.files.get(file.name ?? '')?.body).toBe(big);
    expect(file.sizeBytes).toBe('10000000');
  });

  test('a prompt that uses the file goes to the key that uploaded it, every time, although keys rotate', async () => {
    const file = await upload('The Eiffel Tower is in Paris.', 'tower.txt');
    const owner = fake.files.get(file.name ?? '')?.key;
    for (let i = 0; i < 4; i++) {
      const reply = await genai().models.generateContent({
        model: 'gemini-2.5-flash',
        contents: [{ role: 'user', parts: [{ fileData: { fileUri: file.uri ?? '', mimeType: 'text/plain' } }, { text: 'Where is the tower?' }] }],
      });
      expect(reply.candidates?.length).toBeGreaterThan(0);
      expect(keyOfLast(':generateContent')).toBe(owner);
    }
    // Without a file, keys rotate as usual.
    const plain = new Set<string | null | undefined>();
    for (let i = 0; i < 3; i++) {
      await genai().models.generateContent({ model: 'gemini-2.5-flash', contents: 'hello' });
      plain.add(keyOfLast(':generateContent'));
    }
    expect(plain.size).toBe(3);
  });

  test('get and list show the caller\'s files only; another token sees none and cannot read or delete them', async () => {
    const mine = await upload('mine', 'mine.txt');
    const theirs = await upload('theirs', 'theirs.txt', OTHER_TOKEN);
    const got = await genai().files.get({ name: mine.name ?? '' });
    expect(got.displayName).toBe('mine.txt');
    expect(keyOfLast(`/v1beta/${mine.name}`)).toBe(fake.files.get(mine.name ?? '')?.key);

    const listed: string[] = [];
    for await (const f of await genai().files.list({ config: { pageSize: 2 } })) listed.push(f.name ?? '');
    expect(listed).toContain(mine.name ?? '');
    expect(listed).not.toContain(theirs.name ?? '');
    const theirList: string[] = [];
    for await (const f of await genai(OTHER_TOKEN).files.list()) theirList.push(f.name ?? '');
    expect(theirList).toContain(theirs.name ?? '');
    expect(theirList).not.toContain(mine.name ?? '');

    const refused = await genai(OTHER_TOKEN).files.get({ name: mine.name ?? '' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(404);
    const notDeleted = await genai(OTHER_TOKEN).files.delete({ name: mine.name ?? '' }).catch((e: unknown) => e);
    expect((notDeleted as ApiError).status).toBe(404);
    expect(fake.files.has(mine.name ?? '')).toBe(true);
  });

  test('delete removes the file at Google and here; a second delete is a 404', async () => {
    const file = await upload('short-lived', 'gone.txt');
    await genai().files.delete({ name: file.name ?? '' });
    expect(fake.files.has(file.name ?? '')).toBe(false);
    expect(await proxy.repo.file(file.name ?? '')).toBeNull();
    const again = await genai().files.delete({ name: file.name ?? '' }).catch((e: unknown) => e);
    expect((again as ApiError).status).toBe(404);
  });

  test('bad input gets Google-shaped errors: pageSize out of range, unknown upload session, wrong token', async () => {
    const page = await fetch(`${proxy.url}/v1beta/files?pageSize=500`, { headers: { 'x-goog-api-key': CLIENT_TOKEN } });
    expect(page.status).toBe(400);
    expect(((await page.json()) as { error: { status: string } }).error.status).toBe('INVALID_ARGUMENT');
    const chunk = await fetch(`${proxy.url}/upload/v1beta/files?upload_id=abc&upload_protocol=resumable&gb_key=ffffffffffffffff`, {
      method: 'POST',
      headers: { 'x-goog-api-key': CLIENT_TOKEN, 'x-goog-upload-command': 'upload, finalize', 'x-goog-upload-offset': '0' },
      body: 'x',
    });
    expect(chunk.status).toBe(404);
    expect(((await chunk.json()) as { error: { message: string } }).error.message).toContain('Upload session not found');
    const anonymous = await fetch(`${proxy.url}/v1beta/files`, { headers: { 'x-goog-api-key': 'wrong-token' } });
    expect(anonymous.status).toBe(401);
  });

  test('an upload URL whose grant was edited (another key or owner) is "not found"; no key is touched', async () => {
    const start = await fetch(`${proxy.url}/upload/v1beta/files`, {
      method: 'POST',
      headers: { 'x-goog-api-key': CLIENT_TOKEN, 'x-goog-upload-protocol': 'resumable', 'x-goog-upload-command': 'start', 'content-type': 'application/json' },
      body: '{}',
    });
    const url = new URL(start.headers.get('x-goog-upload-url') ?? '');
    const started = KEYS.find((k) => fingerprint(k) === url.searchParams.get('gb_key')) ?? '';
    const before = fake.requests.length;
    for (const [param, value] of [['gb_key', fingerprint(KEYS.find((k) => k !== started) ?? '')], ['gb_owner', 'someone-else'], ['gb_sig', 'x'.repeat(32)]] as const) {
      const forged = new URL(url);
      forged.searchParams.set(param, value);
      const answer = await fetch(forged, { method: 'POST', headers: { 'x-goog-upload-command': 'upload, finalize', 'x-goog-upload-offset': '0' }, body: 'x' });
      expect(answer.status).toBe(404);
    }
    expect(fake.requests.length).toBe(before);
  });

  test('chunks need no token, as Python\'s SDK sends none: the upload\'s signed URL is the credential; the file is the starter\'s', async () => {
    const start = await fetch(`${proxy.url}/upload/v1beta/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OTHER_TOKEN}`, 'x-goog-upload-protocol': 'resumable', 'x-goog-upload-command': 'start', 'content-type': 'application/json' },
      body: JSON.stringify({ file: { display_name: 'python.txt' } }),
    });
    expect(start.headers.get('access-control-expose-headers')).toContain('x-goog-upload-url');
    const url = start.headers.get('x-goog-upload-url') ?? '';
    expect(url).not.toContain(OTHER_TOKEN);
    const finish = await fetch(url, { method: 'POST', headers: { 'x-goog-upload-command': 'upload, finalize', 'x-goog-upload-offset': '0' }, body: 'from python' });
    expect(finish.status).toBe(200);
    const { file } = (await finish.json()) as { file: { name: string } };
    const theirs: string[] = [];
    for await (const f of await genai(OTHER_TOKEN).files.list()) theirs.push(f.name ?? '');
    expect(theirs).toContain(file.name);
    // Another token may not use it in a prompt either (snake_case spelling included).
    const prompt = (token: string) =>
      fetch(`${proxy.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
        method: 'POST',
        headers: { 'x-goog-api-key': token, 'content-type': 'application/json' },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ file_data: { file_uri: `${fake.url}/v1beta/${file.name}`, mime_type: 'text/plain' } }] }] }),
      });
    expect((await prompt(CLIENT_TOKEN)).status).toBe(404);
    const owned = await prompt(OTHER_TOKEN);
    expect(owned.status).toBe(200);
    expect(keyOfLast(':generateContent')).toBe(fake.files.get(file.name)?.key);
  });

  test('a client that stalls mid-chunk gets a 504 after TIME_OUT without progress, and the key is not blamed', async () => {
    const start = await fetch(`${proxy.url}/upload/v1beta/files`, {
      method: 'POST',
      headers: { 'x-goog-api-key': CLIENT_TOKEN, 'x-goog-upload-protocol': 'resumable', 'x-goog-upload-command': 'start', 'content-type': 'application/json' },
      body: '{}',
    });
    const url = new URL(start.headers.get('x-goog-upload-url') ?? '');
    const key = KEYS.find((k) => fingerprint(k) === url.searchParams.get('gb_key')) ?? '';
    const settings = proxy.deps.settings;
    const saved = settings.current;
    settings.current = { ...saved, TIME_OUT: 1 };
    try {
      const stalled = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('first bytes'));
        },
      });
      const answer = await fetch(url, { method: 'POST', headers: { 'x-goog-upload-command': 'upload, finalize', 'x-goog-upload-offset': '0' }, body: stalled, duplex: 'half' } as RequestInit);
      expect(answer.status).toBe(504);
    } finally {
      settings.current = saved;
    }
    const state = proxy.deps.pool.snapshot().find((k) => k.key === key);
    expect(state).toMatchObject({ status: 'active', failures: 0 });
  });

  test('a database failure when the upload finishes still gives the client Google\'s answer (the file exists there)', async () => {
    const repo = proxy.repo;
    const real = repo.saveFile;
    repo.saveFile = () => Promise.reject(new Error('Lock wait timeout exceeded'));
    try {
      const file = await upload('kept at Google', 'unrecorded.txt');
      expect(fake.files.has(file.name ?? '')).toBe(true);
      expect(proxy.logs.some((line) => line.includes(`${file.name} was uploaded but could not be recorded`))).toBe(true);
    } finally {
      repo.saveFile = real;
    }
  });

  test('the upload URL given to clients names this server (as reached through a TLS proxy), never Google or a key', async () => {
    const start = await fetch(`${proxy.url}/gemini/upload/v1beta/files`, {
      method: 'POST',
      headers: {
        'x-goog-api-key': CLIENT_TOKEN,
        'x-goog-upload-protocol': 'resumable',
        'x-goog-upload-command': 'start',
        'x-goog-upload-header-content-type': 'text/plain',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'gb.example.com',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ file: { displayName: 'by-hand.txt' } }),
    });
    expect(start.status).toBe(200);
    const url = start.headers.get('x-goog-upload-url') ?? '';
    expect(url).toMatch(/^https:\/\/gb\.example\.com\/gemini\/upload\/v1beta\/files\?upload_id=[\w-]+&upload_protocol=resumable&gb_key=[0-9a-f]{16}&gb_owner=[0-9a-f]{32}&gb_sig=[\w-]{32}$/);
    for (const key of KEYS) expect(url).not.toContain(key);
    expect(start.headers.get('x-goog-upload-status')).toBe('active');
    const finish = await fetch(url.replace('https://gb.example.com', proxy.url), {
      method: 'POST',
      headers: { 'x-goog-api-key': CLIENT_TOKEN, 'x-goog-upload-command': 'upload, finalize', 'x-goog-upload-offset': '0' },
      body: 'typed by hand',
    });
    expect(finish.status).toBe(200);
    const { file } = (await finish.json()) as { file: { name: string; displayName: string } };
    expect(file.displayName).toBe('by-hand.txt');
    expect((await proxy.repo.file(file.name))?.displayName).toBe('by-hand.txt');
  });

  test('the files-cleanup job removes expired uploads here and at Google, and keeps the others', async () => {
    const old = await upload('old', 'old.txt');
    const fresh = await upload('fresh', 'fresh.txt');
    // Google keeps a file 48 hours: this record's are over.
    const row = await proxy.repo.file(old.name ?? '');
    if (!row) throw new Error('upload not recorded');
    await proxy.repo.saveFile({ ...row, expiresAt: clock.t - 1 });
    expect(await cleanExpiredFiles(proxy.deps)).toEqual({ records: 1, atGoogle: 1 });
    expect(await proxy.repo.file(old.name ?? '')).toBeNull();
    expect(fake.files.has(old.name ?? '')).toBe(false);
    expect(await proxy.repo.file(fresh.name ?? '')).not.toBeNull();
    expect(fake.files.has(fresh.name ?? '')).toBe(true);
    // An expired file is gone for clients too, even before the job runs.
    await proxy.repo.saveFile({ ...row, name: fresh.name ?? '', expiresAt: clock.t - 1 });
    const expired = await genai().files.get({ name: fresh.name ?? '' }).catch((e: unknown) => e);
    expect((expired as ApiError).status).toBe(404);
  });

  test('a prompt using a file whose key was removed from the pool gets a clear 400, not another key\'s 403', async () => {
    const file = await upload('orphan', 'orphan.txt');
    const owner = fake.files.get(file.name ?? '')?.key ?? '';
    proxy.deps.pool.remove([owner]);
    const before = fake.requests.length;
    const refused = await genai()
      .models.generateContent({ model: 'gemini-2.5-flash', contents: [{ role: 'user', parts: [{ fileData: { fileUri: file.uri ?? '', mimeType: 'text/plain' } }] }] })
      .catch((e: unknown) => e);
    expect((refused as ApiError).status).toBe(400);
    expect((refused as ApiError).message).toContain('uploaded with an API key that is no longer configured');
    expect(fake.requests.length).toBe(before);
  });
});
