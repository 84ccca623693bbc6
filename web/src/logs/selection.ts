import { createSignal } from 'solid-js';

/** Which loaded rows are ticked, by id. A new Set on every change, so readers update. */
export function createSelection() {
  const [ids, setIds] = createSignal<ReadonlySet<number>>(new Set());
  return {
    ids,
    size: () => ids().size,
    has: (id: number) => ids().has(id),
    toggle(id: number, on: boolean) {
      setIds((current) => {
        const copy = new Set(current);
        if (on) copy.add(id);
        else copy.delete(id);
        return copy;
      });
    },
    set: (list: readonly number[]) => setIds(new Set(list)),
    clear: () => setIds(new Set<number>()),
  };
}

export type Selection = ReturnType<typeof createSelection>;
