import { createEffect, For } from 'solid-js';
import { t } from '../i18n';
import type { KeyItem } from './key-types';
import { KeyRow } from './KeyRow';
import type { Selection } from './selection';
import './key-table.css';
import './key-cards.css';

interface Props {
  readonly items: readonly KeyItem[];
  readonly now: number;
  readonly selection: Selection;
  readonly onCopy: (item: KeyItem) => void;
}

/** The page of keys: a table on a wide screen, a stack of cards on a phone (keys.css). */
export function KeyTable(props: Props) {
  const chosenOnPage = () => props.items.filter((item) => props.selection.has(item.id)).length;
  const allChosen = () => props.items.length > 0 && chosenOnPage() === props.items.length;
  let pageBox: HTMLInputElement | undefined;
  // Some but not all chosen: the checkbox shows a dash (a DOM property only, no attribute for it).
  createEffect(() => {
    if (pageBox) pageBox.indeterminate = chosenOnPage() > 0 && !allChosen();
  });
  return (
    <div class="key-table-wrap">
      <table class="key-table">
        <thead>
          <tr>
            <th class="col-check">
              <label class="check-hit">
                <input
                  type="checkbox"
                  checked={allChosen()}
                  ref={pageBox}
                  onChange={() =>
                    props.selection.setMany(
                      props.items.map((item) => item.id),
                      !allChosen(),
                    )
                  }
                  aria-label={t('keys.selectPage')}
                />
                {/* On a phone the header row is only this checkbox, so it says what it does. */}
                <span class="phone-only" aria-hidden="true">
                  {t('keys.selectPage')}
                </span>
              </label>
            </th>
            <th>{t('keys.col.key')}</th>
            <th>{t('keys.col.status')}</th>
            <th>{t('keys.col.cooldowns')}</th>
            <th class="col-num" title={t('keys.failuresHelp')}>
              {t('keys.col.failures')}
            </th>
            <th>{t('keys.col.lastUsed')}</th>
            <th class="col-num">{t('keys.col.usage')}</th>
            <th>
              <span class="visually-hidden">{t('keys.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(item) => (
              <KeyRow item={item} now={props.now} selected={props.selection.has(item.id)} onSelect={(on) => props.selection.toggle(item.id, on)} onCopy={() => props.onCopy(item)} />
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
