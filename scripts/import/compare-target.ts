import type { AccessTokenRow, ApiKeyRow, SettingRow } from '../../db/schema';
import { sameValue } from '../../server/settings/display';
import { mergeStoredSettings } from '../../server/settings/merge-stored';
import type { ImportPlan } from './plan-import';

/** What the target database holds before the import (nothing, for a dry run: it is not opened then). */
export interface TargetState {
  readonly settings: readonly SettingRow[];
  readonly keys: readonly Pick<ApiKeyRow, 'key' | 'kind'>[];
  readonly tokens: readonly Pick<AccessTokenRow, 'token'>[];
}

export interface ImportChanges {
  /** The target's settings before the import (its defaults where it has no row). */
  readonly current: Readonly<Record<string, unknown>>;
  /** Settings whose value differs from the target's. */
  readonly changed: ImportPlan['settings'];
  /** Rows to write: the changed ones, and unchanged ones the target has no row for (the import pins them all). */
  readonly toWrite: ImportPlan['settings'];
  readonly newKeys: { key: string; kind: 'gemini' | 'vertex' | 'paid' }[];
  /** Keys listed under a second kind (a PAID_KEY also in API_KEYS): a key has one kind here, the first it got. */
  readonly keyConflicts: { kind: string; keptAs: string }[];
  readonly newTokens: string[];
}

export function compareWithTarget(plan: ImportPlan, target: TargetState): ImportChanges {
  const current = mergeStoredSettings(new Map(target.settings.map((r) => [r.key, r.value])), {}, 'db').values as Record<string, unknown>;
  const changed = plan.settings.filter((s) => !sameValue(current[s.name], s.value));
  const toWrite = plan.settings.filter((s) => changed.includes(s) || target.settings.every((r) => r.key !== s.name));
  const kinds = new Map(target.keys.map((k) => [k.key, k.kind]));
  const newKeys: ImportChanges['newKeys'] = [];
  const keyConflicts: ImportChanges['keyConflicts'] = [];
  for (const kind of ['gemini', 'vertex', 'paid'] as const) {
    for (const key of plan.keys[kind]) {
      const known = kinds.get(key);
      if (known === undefined) {
        newKeys.push({ key, kind });
        kinds.set(key, kind);
      } else if (known !== kind) {
        keyConflicts.push({ kind, keptAs: known });
      }
    }
  }
  const tokens = new Set(target.tokens.map((t) => t.token));
  return { current, changed, toWrite, newKeys, keyConflicts, newTokens: plan.tokens.filter((t) => !tokens.has(t)) };
}
