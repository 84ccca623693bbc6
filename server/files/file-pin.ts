import type { Deps } from '../deps';
import { ProxyError } from '../errors';
import type { ClientIdentity } from '../proxy/tokens';
import { fileNotFound, usableBy } from './file-record';
import { keyByFingerprint } from './files-upstream';

/**
 * The key a generateContent call must use: a file uploaded through this server is visible only to
 * the key that uploaded it (any other key gets 403 "You do not have permission to access the File").
 * Files this server does not know (uploaded elsewhere) pin nothing. `names`: referencedFiles(body).
 */
export async function pinnedKeyFor(names: readonly string[], client: ClientIdentity, deps: Deps): Promise<string | undefined> {
  for (const name of names) {
    const row = await deps.repo.file(name);
    if (row === null || row.expiresAt <= deps.now()) continue;
    // Another token's upload is not there for this client, in a prompt as in files.get.
    if (!usableBy(row, client.owner, deps.settings.current.FILES_USER_ISOLATION_ENABLED, deps.now())) throw new ProxyError('not-found', fileNotFound(name));
    const key = keyByFingerprint(deps.pool.snapshot(), row.keyFingerprint);
    if (key === undefined) {
      throw new ProxyError('failed-precondition', `The file ${name} was uploaded with an API key that is no longer configured here; upload it again.`);
    }
    return key;
  }
  return undefined;
}
