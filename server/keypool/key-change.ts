/**
 * What a key's change writes to its row, and nothing more. Pure. Several instances share one
 * database: a whole-row write from one whose view is seconds old would undo what another decided
 * (a key an admin disabled back to active, another instance's 429 cooldown dropped). So:
 * - the status group (status, failures, cooldown, reason) is written only when it changed, and may
 *   replace a `disabled` row only when the change itself disables or enables the key (`force`);
 * - per-model cooldowns are written as a JSON merge patch (RFC 7396): only the models that changed,
 *   `null` for a cooldown that ended, merged into what the row holds.
 */
import type { KeyChange } from '../../db/repository';
import type { KeyState } from './machine';


function cooldownPatch(before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): Record<string, number | null> | undefined {
  const patch: Record<string, number | null> = {};
  for (const [model, until] of Object.entries(after)) if (before[model] !== until) patch[model] = until;
  for (const model of Object.keys(before)) if (!Object.hasOwn(after, model)) patch[model] = null;
  return Object.keys(patch).length === 0 ? undefined : patch;
}

/** The status group (status, failures, cooldown, reason) is the same in both. */
export const sameStatus = (a: KeyState, b: KeyState): boolean =>
  a.status === b.status && a.failures === b.failures && a.cooldownUntil === b.cooldownUntil && a.disabledReason === b.disabledReason;

/** The write that takes the row from `before` (as last written or read) to `after`; undefined when there is none. */
export function keyChange(before: KeyState, after: KeyState): KeyChange | undefined {
  const statusChanged = !sameStatus(before, after);
  const patch = cooldownPatch(before.modelCooldowns, after.modelCooldowns);
  if (!statusChanged && patch === undefined) return undefined;
  const force = before.status !== after.status && (before.status === 'disabled' || after.status === 'disabled');
  const { status, failures, cooldownUntil, disabledReason } = after;
  return { key: after.key, force, ...(statusChanged ? { status: { status, failures, cooldownUntil, disabledReason } } : {}), ...(patch ? { cooldownPatch: patch } : {}) };
}
