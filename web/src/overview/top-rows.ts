import { t } from '../i18n';
import type { ApiOutputs } from '../lib/trpc';
import type { TopRow } from './TopList';

type KeyShare = ApiOutputs['stats']['byKey'][number];
type ModelShare = ApiOutputs['stats']['byModel'][number];

/** Keys show masked; a key deleted since keeps its calls under its fingerprint, marked as deleted. */
export function keyRows(shares: readonly KeyShare[]): TopRow[] {
  return shares.map((s) => {
    if (s.keyId === '') return { id: '', label: t('overview.top.noKey'), calls: s.calls, failures: s.failures };
    if (s.masked === null) return { id: s.keyId, label: s.keyId, note: t('overview.top.deletedKey'), calls: s.calls, failures: s.failures };
    return { id: s.keyId, label: s.masked, calls: s.calls, failures: s.failures };
  });
}

export function modelRows(shares: readonly ModelShare[]): TopRow[] {
  return shares.map((s) => ({ id: s.model, label: s.model === '' ? t('overview.top.noModel') : s.model, calls: s.calls, failures: s.failures }));
}
