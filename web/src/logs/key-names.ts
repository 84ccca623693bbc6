import { createResource } from 'solid-js';
import { api } from '../lib/trpc';

export interface KeyName {
  /** The key's id: its fingerprint, as the logs store it. */
  readonly id: string;
  /** First 8 and last 4 characters, as the keys page shows it. */
  readonly masked: string;
}

/**
 * Names for the log pages: the logs hold key fingerprints, which mean nothing to a person, so rows
 * show the masked key instead. The keys and models of the last 30 days' calls (at most 100 of each)
 * also fill the filters' suggestion lists. A failure leaves fingerprints and no suggestions: the
 * logs still work without names.
 */
export function createLogNames() {
  const [names, { refetch }] = createResource(async () => {
    try {
      const [keys, models] = await Promise.all([api.stats.byKey.query({ period: '30d', limit: 100 }), api.stats.byModel.query({ period: '30d', limit: 100 })]);
      return {
        keys: keys.flatMap((k): KeyName[] => (k.keyId !== '' && k.masked !== null ? [{ id: k.keyId, masked: k.masked }] : [])),
        models: models.map((m) => m.model).filter((model) => model !== ''),
      };
    } catch {
      return { keys: [], models: [] };
    }
  });
  // While refreshing, the last names stay (no flash of ids, no change to a key filter's query).
  const loaded = () => (names.state === 'ready' || names.state === 'refreshing' ? names() : undefined);
  const byId = () => new Map((loaded()?.keys ?? []).map((k) => [k.id, k.masked]));
  const byMasked = () => new Map((loaded()?.keys ?? []).map((k) => [k.masked, k.id]));
  return {
    keys: () => loaded()?.keys ?? [],
    models: () => loaded()?.models ?? [],
    /** The masked key for a fingerprint, when known. */
    maskedOf: (id: string | null) => (id === null ? undefined : byId().get(id)),
    /** The fingerprint for a masked key picked from the suggestions. */
    idOf: (masked: string) => byMasked().get(masked),
    /** Keys first used since the page opened get their names (the "Refresh" button calls this). */
    refresh: () => void refetch(),
  };
}

export type LogNames = ReturnType<typeof createLogNames>;
