import { TRPCError } from '@trpc/server';
import * as v from 'valibot';
import type { Deps } from '../../deps';
import { missingHostSettings, UPLOAD_SETTING_NAMES, UploadError, type UploadSettings, uploadImage } from '../../images/image-hosts';
import { settingDef, type SettingName, settingsCatalog } from '../../settings/schema';

/** A 1×1 transparent PNG: what the test uploads. */
const PIXEL = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b4944415478da636000020000050001e9fadcd80000000049454e44ae426082', 'hex');

export interface UploadTest {
  readonly provider: string;
  readonly ok: boolean;
  /** Where the test image landed (open it to see the host serves it). */
  readonly url: string | null;
  readonly error: string | null;
}

const isImageSetting = (name: string): name is SettingName => Object.hasOwn(settingsCatalog, name) && settingDef(name as SettingName).group === 'images';

/**
 * The page sends its images section's unsaved values: each is checked, and the ones an upload
 * reads are used (the section also holds the Imagen model and PAID_KEY, which a test upload ignores).
 */
function withOverrides(current: UploadSettings, overrides: Readonly<Record<string, unknown>>): UploadSettings {
  const merged: Record<string, unknown> = { ...current };
  for (const [name, value] of Object.entries(overrides)) {
    if (!isImageSetting(name)) throw new TRPCError({ code: 'BAD_REQUEST', message: `${name} is not an image setting.` });
    const parsed = v.safeParse(settingDef(name).schema, value);
    if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', message: `${name}: expected ${settingDef(name).expected}.` });
    if ((UPLOAD_SETTING_NAMES as readonly string[]).includes(name)) merged[name] = parsed.output;
  }
  return merged as UploadSettings;
}

/**
 * Uploads a one-pixel image with the image-host settings (the saved ones, with the page's unsaved
 * edits over them): gemini-balance users learnt that their host was misconfigured only when an
 * image request failed ("Upload failed: Token invalid", FAQ 3 and 30).
 */
export async function testUpload(deps: Pick<Deps, 'settings' | 'fetch' | 'now'>, overrides: Readonly<Record<string, unknown>>): Promise<UploadTest> {
  const s = withOverrides(deps.settings.current, overrides);
  const missing = missingHostSettings(s);
  if (missing.length > 0) return { provider: s.UPLOAD_PROVIDER, ok: false, url: null, error: `Not configured: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} empty.` };
  const day = new Date(deps.now()).toISOString().slice(0, 10).replaceAll('-', '/');
  const image = { bytes: PIXEL, filename: `${day}/gemini-balance-test-${deps.now().toString(36)}.png`, mimeType: 'image/png' };
  try {
    const url = await uploadImage(image, s, deps.fetch, AbortSignal.timeout(30_000));
    return { provider: s.UPLOAD_PROVIDER, ok: true, url, error: null };
  } catch (error) {
    if (error instanceof UploadError) return { provider: s.UPLOAD_PROVIDER, ok: false, url: null, error: error.message };
    throw error;
  }
}
