import { Match, Switch } from 'solid-js';
import { t } from '../i18n';
import { absoluteTime } from './format';
import { relativeTime } from '../lib/relative-time';
import type { KeyItem } from './key-types';
import './status-badge.css';

/**
 * The key's state as a coloured word, with what a person needs next to it: when a resting key
 * comes back, or why a key is disabled (Google's words, or the reason given when disabling).
 */
export function StatusBadge(props: { readonly item: KeyItem; readonly now: number }) {
  return (
    <div class="status-cell">
      <span class={`status-badge status-${props.item.status}`}>{t(`keys.status.${props.item.status}`)}</span>
      <Switch>
        <Match when={props.item.status === 'cooling' && props.item.cooldownUntil}>
          {(until) => (
            <span class="status-note" title={absoluteTime(until())}>
              {t('keys.backAt', { time: relativeTime(until(), props.now) })}
            </span>
          )}
        </Match>
        <Match when={props.item.status === 'disabled' && props.item.disabledReason}>
          {(reason) => (
            <span class="status-note status-reason" title={reason()}>
              {reason()}
            </span>
          )}
        </Match>
      </Switch>
    </div>
  );
}
