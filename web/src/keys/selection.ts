import { createSignal } from 'solid-js';

export interface Selection {
  readonly has: (id: string) => boolean;
  readonly size: () => number;
  readonly ids: () => string[];
  readonly toggle: (id: string, on: boolean) => void;
  /** Adds or removes many at once (the header checkbox, "select all matching"). */
  readonly setMany: (ids: readonly string[], on: boolean) => void;
  readonly clear: () => void;
}

/**
 * The chosen keys, by id. Kept across pages, so a person can pick keys on page 1 and page 2 and
 * act on all of them; the page clears it when the filters change.
 */
export function createSelection(): Selection {
  // A new Set on every change: the signal notifies only when its value is a different object.
  const [chosen, setChosen] = createSignal<ReadonlySet<string>>(new Set());
  const setMany = (ids: readonly string[], on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  return {
    has: (id) => chosen().has(id),
    size: () => chosen().size,
    ids: () => [...chosen()],
    toggle: (id, on) => setMany([id], on),
    setMany,
    clear: () => setChosen(new Set<string>()),
  };
}
