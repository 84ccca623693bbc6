import { createHash } from 'node:crypto';

const fingerprints = new Map<string, string>();

/** A stable, non-reversible id for a key in logs and stats (16 hex chars of SHA-256), memoised. */
export function fingerprint(key: string): string {
  let fp = fingerprints.get(key);
  if (fp === undefined) {
    fp = createHash('sha256').update(key).digest('hex').slice(0, 16);
    if (fingerprints.size > 500_000) fingerprints.clear();
    fingerprints.set(key, fp);
  }
  return fp;
}

/** How a key is shown to people: first 8 and last 4 characters. */
export const maskKey = (key: string) => (key.length <= 12 ? '****' : `${key.slice(0, 8)}…${key.slice(-4)}`);
