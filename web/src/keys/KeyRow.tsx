import { Show } from 'solid-js';
import { t } from '../i18n';
import { absoluteTime, formatCount } from './format';
import { relativeTime } from '../lib/relative-time';
import type { KeyItem } from './key-types';
import { ModelCooldowns } from './ModelCooldowns';
import { StatusBadge } from './StatusBadge';

interface Props {
  readonly item: KeyItem;
  readonly now: number;
  readonly selected: boolean;
  readonly onSelect: (on: boolean) => void;
  readonly onCopy: () => void;
}

/**
 * One key. Each cell carries its column name in data-label: on a phone the rows become cards
 * (keys.css) and the names are shown in front of the values.
 */
export function KeyRow(props: Props) {
  const item = () => props.item;
  // A use newer than the page's clock (it ticks every few seconds, and the server's clock may
  // run ahead) reads as "now", not as the future.
  const sincePast = (at: number) => relativeTime(Math.min(at, props.now), props.now);
  return (
    <tr class="key-row" classList={{ 'key-row-selected': props.selected }} data-id={item().id}>
      <td class="col-check">
        <label class="check-hit">
          <input type="checkbox" checked={props.selected} onChange={(event) => props.onSelect(event.currentTarget.checked)} aria-label={t('keys.selectKey', { key: item().masked })} />
        </label>
      </td>
      <td class="col-key">
        <span class="mono key-masked">{item().masked}</span>
        <Show when={item().kind !== 'gemini'}>
          <span class="kind-tag">{t(`keys.kind.${item().kind}`)}</span>
        </Show>
      </td>
      <td class="col-status" data-label={t('keys.col.status')}>
        <StatusBadge item={item()} now={props.now} />
      </td>
      <td class="col-cooldowns" data-label={t('keys.col.cooldowns')}>
        <ModelCooldowns cooldowns={item().modelCooldowns} now={props.now} />
      </td>
      <td class="col-num" data-label={t('keys.col.failures')} classList={{ 'has-failures': item().failures > 0 }}>
        {formatCount(item().failures)}
      </td>
      <td class="col-last" data-label={t('keys.col.lastUsed')}>
        <Show when={item().lastUsedAt} fallback={<span class="muted">{t('keys.never')}</span>}>
          {(at) => <span title={absoluteTime(at())}>{sincePast(at())}</span>}
        </Show>
      </td>
      <td class="col-num col-usage" data-label={t('keys.col.usage')}>
        <span>{formatCount(item().usage24h.calls)}</span>
        <Show when={item().usage24h.failures > 0}>
          <span class="usage-failed">{t('keys.usageFailed', { count: formatCount(item().usage24h.failures) })}</span>
        </Show>
      </td>
      <td class="col-actions">
        <button type="button" class="btn btn-small" onClick={() => props.onCopy()} aria-label={t('keys.copyOne', { key: item().masked })}>
          {t('keys.action.copy')}
        </button>
      </td>
    </tr>
  );
}
