import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { loggedInAdmin, trpcData } from '../helpers/admin-client';
import { HOST_SECRETS, startImageHost } from '../helpers/fake-image-host';
import { proxyWithFake } from '../helpers/proxy-with-fake';

// settings.testUpload: the image host checked before an image request fails (gemini-balance FAQ 3, 30).
const A = `AIza${'A'.repeat(35)}`;
const h = proxyWithFake();
let host: Awaited<ReturnType<typeof startImageHost>>;
beforeAll(async () => {
  host = await startImageHost();
});
afterAll(async () => {
  await host.stop();
});

interface UploadTest {
  provider: string;
  ok: boolean;
  url: string | null;
  error: string | null;
}

describe('settings.testUpload', () => {
  test('says what is missing, uploads a real PNG with the page\'s unsaved values, and names the host\'s complaint', async () => {
    const { p } = await h.setup({ [A]: { kind: 'ok' } });
    const admin = await loggedInAdmin(p);
    const run = async (overrides: Record<string, unknown>) => trpcData<UploadTest>(await admin.mutate('settings.testUpload', { overrides }));

    expect(await run({})).toEqual({ provider: 'smms', ok: false, url: null, error: 'Not configured: SMMS_SECRET_TOKEN is empty.' });
    const ok = await run({ SMMS_API_URL: `${host.url}/smms/api/v2/upload`, SMMS_SECRET_TOKEN: HOST_SECRETS.smmsToken });
    expect(ok).toMatchObject({ provider: 'smms', ok: true, error: null });
    const bytes = Buffer.from(await (await fetch(ok.url ?? '')).arrayBuffer());
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(host.uploads.at(-1)?.name).toMatch(/^gemini-balance-test-\w+\.png$/);

    const refused = await run({ UPLOAD_PROVIDER: 'picgo', PICGO_API_URL: `${host.url}/picgo/api/1/upload`, PICGO_API_KEY: 'wrong-key' });
    expect(refused).toEqual({ provider: 'picgo', ok: false, url: null, error: 'Uploading the image to picgo failed: Invalid API v1 key.' });
    // Nothing was saved by testing.
    expect(p.deps.settings.current.SMMS_SECRET_TOKEN).toBe('');

    // The images section's other settings come along from the page: checked, not used, not refused.
    const section = await run({ UPLOAD_PROVIDER: 'picgo', PICGO_API_URL: `${host.url}/picgo/api/1/upload`, PICGO_API_KEY: 'wrong-key', OSS_ENDPOINT_INNER: 'oss-internal.example', CREATE_IMAGE_MODEL: 'imagen-4' });
    expect(section).toEqual(refused);
    expect(p.deps.settings.current.CREATE_IMAGE_MODEL).not.toBe('imagen-4');
    const notUpload = await admin.mutate('settings.testUpload', { overrides: { MAX_RETRIES: 1 } });
    expect(notUpload.status).toBe(400);
    const bad = await admin.mutate('settings.testUpload', { overrides: { UPLOAD_PROVIDER: 'imgur' } });
    expect(bad.status).toBe(400);
  });
});
