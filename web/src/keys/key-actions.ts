import { createSignal } from 'solid-js';
import { t } from '../i18n';
import { describeError } from '../lib/api-error';
import { type ChangeAction, type Notice, runChange, runDisable } from './bulk-actions';
import { copyText } from '../lib/clipboard';
import { fullKeys } from './full-keys';
import type { KeyList } from './key-list';
import type { ListQuery } from './key-types';
import { allMatchingIds } from './select-all';
import type { Selection } from './selection';

export type OpenDialog = 'import' | 'export' | 'disable' | 'delete' | 'verify' | 'copy' | null;

/**
 * The page's actions and their shared state: which dialog is open, the last result, and
 * whether a request is under way (the buttons wait for it, so a double click acts once).
 */
export function createKeyActions(list: KeyList, selection: Selection) {
  const [dialog, setDialog] = createSignal<OpenDialog>(null);
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [manualCopy, setManualCopy] = createSignal('');

  /** Runs one request at a time, shows its result, and reloads the table (states changed). */
  const perform = async (run: () => Promise<Notice>) => {
    if (busy()) return;
    setBusy(true);
    setNotice(null);
    try {
      const result = await run();
      setNotice(result);
      setDialog(null);
      await list.reload();
    } finally {
      setBusy(false);
    }
  };

  const change = (action: ChangeAction) => {
    const ids = selection.ids();
    return perform(async () => {
      const result = await runChange(action, ids);
      // Deleted keys cannot stay chosen: they would make the next action a NOT_FOUND.
      if (action === 'delete' && result.kind === 'ok') selection.setMany(ids, false);
      return result;
    });
  };

  const disable = (reason: string) => perform(() => runDisable(selection.ids(), reason));

  /** Full keys on the clipboard, one per line; if the browser refuses, a window to copy them by hand. */
  const copy = async (ids: string[]) => {
    if (busy()) return;
    setBusy(true);
    setNotice(null);
    try {
      const text = (await fullKeys(ids)).join('\n');
      if (await copyText(text)) {
        setNotice({ kind: 'ok', text: t('keys.done.copy', { count: ids.length }) });
      } else {
        setManualCopy(text);
        setDialog('copy');
      }
    } catch (caught) {
      setNotice({ kind: 'error', text: describeError(caught).message });
    } finally {
      setBusy(false);
    }
  };

  /** Every key the filters match, on every page. */
  const selectAll = async (query: ListQuery) => {
    if (busy()) return;
    setBusy(true);
    try {
      selection.setMany(await allMatchingIds(query), true);
    } catch (caught) {
      setNotice({ kind: 'error', text: describeError(caught).message });
    } finally {
      setBusy(false);
    }
  };

  return { dialog, setDialog, notice, setNotice, busy, manualCopy, change, disable, copy, selectAll };
}
