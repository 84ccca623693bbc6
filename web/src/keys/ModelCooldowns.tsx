import { For, Show } from 'solid-js';
import { t } from '../i18n';
import { absoluteTime } from './format';
import { relativeTime } from '../lib/relative-time';

/**
 * The models this key is resting for after Google's "too many requests" (429), and until when.
 * The key still serves every other model meanwhile, so this is not a status of the whole key.
 */
export function ModelCooldowns(props: { readonly cooldowns: Readonly<Record<string, number>>; readonly now: number }) {
  // Only rests still running (the server drops ended ones, but the page's clock moves on).
  const running = () =>
    Object.entries(props.cooldowns)
      .filter(([, until]) => until > props.now)
      .sort(([, a], [, b]) => a - b);
  return (
    <Show when={running().length > 0} fallback={<span class="muted">—</span>}>
      <ul class="cooldown-list">
        <For each={running()}>
          {([model, until]) => (
            <li title={absoluteTime(until)}>
              <span class="mono cooldown-model">{model}</span>
              <span class="muted">{t('keys.backAt', { time: relativeTime(until, props.now) })}</span>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
