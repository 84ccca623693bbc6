import type { Deps } from '../deps';
import { keyByFingerprint } from '../files/files-upstream';
import { fetchUpstream } from '../proxy/fetch-upstream';
import type { JobDef } from './scheduler';

const HOUR_MS = 3_600_000;
const BATCH = 100;
const DELETE_TIMEOUT_MS = 10_000;

/** Asks Google to delete one expired file with the key that uploaded it; Google may have removed it already. */
async function deleteAtGoogle(deps: Deps, name: string, key: string): Promise<boolean> {
  const headers = new Headers(deps.settings.current.CUSTOM_HEADERS);
  headers.set('x-goog-api-key', key);
  try {
    const url = `${deps.settings.current.BASE_URL}/${name}`;
    const response = await fetchUpstream(deps, new Request(url, { method: 'DELETE', headers, signal: AbortSignal.timeout(DELETE_TIMEOUT_MS), redirect: 'manual' }), key);
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Removes the records of expired uploads (Google keeps files 48 hours), and the files at Google when still there. */
export async function cleanExpiredFiles(deps: Deps): Promise<{ records: number; atGoogle: number }> {
  let records = 0;
  let atGoogle = 0;
  for (;;) {
    const expired = await deps.repo.expiredFiles(deps.now(), BATCH);
    for (const row of expired) {
      const key = keyByFingerprint(deps.pool.snapshot(), row.keyFingerprint);
      if (key !== undefined && (await deleteAtGoogle(deps, row.name, key))) atGoogle++;
      if (await deps.repo.deleteFile(row.name)) records++;
    }
    if (expired.length < BATCH) return { records, atGoogle };
  }
}

export const filesCleanupJob: JobDef = {
  name: 'files-cleanup',
  description: 'Removes expired Files API uploads (records here, and the files at Google), every FILES_CLEANUP_INTERVAL_HOURS.',
  interval: (s) => (s.FILES_CLEANUP_ENABLED ? s.FILES_CLEANUP_INTERVAL_HOURS * HOUR_MS : null),
  async run(deps) {
    const { records, atGoogle } = await cleanExpiredFiles(deps);
    return `removed ${records} expired file records (${atGoogle} deleted at Google)`;
  },
};
