import { For, Match, Switch } from 'solid-js';
import { t } from '../i18n';
import type { SettingKind } from './setting-kind';
import type { DraftValue, SettingView } from './setting-types';
import './toggle.css';

interface Props {
  readonly id: string;
  readonly setting: SettingView;
  readonly kind: SettingKind;
  readonly value: DraftValue;
  readonly invalid: boolean;
  readonly describedBy: string;
  readonly onInput: (value: DraftValue) => void;
}

const text = (value: DraftValue) => (typeof value === 'string' ? value : String(value));
const rowsFor = (value: string) => Math.min(14, Math.max(3, value.split('\n').length + 1));

/** The input fitting a (non-secret) setting's kind: switch, number, select, text or JSON. */
export function SettingInput(props: Props) {
  const common = () => ({
    id: props.id,
    'aria-invalid': props.invalid ? ('true' as const) : undefined,
    'aria-describedby': props.describedBy,
  });
  const choices = () => {
    const options = props.kind.type === 'choice' ? props.kind.options : [];
    // A stored value outside the list (set through env) stays visible instead of silently changing.
    const current = text(props.value);
    return current === '' || options.includes(current) ? options : [current, ...options];
  };

  return (
    <Switch>
      <Match when={props.kind.type === 'boolean'}>
        <label class="toggle">
          <input
            {...common()}
            type="checkbox"
            role="switch"
            checked={props.value === true}
            onChange={(e) => props.onInput(e.currentTarget.checked)}
          />
          <span class="toggle-track" aria-hidden="true" />
          <span class="toggle-label">{props.value === true ? t('config.on') : t('config.off')}</span>
        </label>
      </Match>
      <Match when={props.kind.type === 'number' ? props.kind : undefined}>
        {(kind) => (
          <input
            {...common()}
            class="input input-number"
            type="number"
            inputmode={kind().integer ? 'numeric' : 'decimal'}
            step={kind().integer ? '1' : 'any'}
            value={text(props.value)}
            onInput={(e) => props.onInput(e.currentTarget.value)}
          />
        )}
      </Match>
      <Match when={props.kind.type === 'choice'}>
        {/* `selected` on the option, not `value` on the select: with a spread, the select's value
            is set before its options exist and the browser falls back to the first one. */}
        <select {...common()} class="select" onChange={(e) => props.onInput(e.currentTarget.value)}>
          <For each={choices()}>
            {(option) => (
              <option value={option} selected={option === text(props.value)}>
                {option}
              </option>
            )}
          </For>
        </select>
      </Match>
      <Match when={props.kind.type === 'json'}>
        <textarea
          {...common()}
          class="textarea"
          rows={rowsFor(text(props.value))}
          spellcheck={false}
          value={text(props.value)}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      </Match>
      <Match when={props.kind.type === 'text'}>
        <input
          {...common()}
          class="input"
          type="text"
          inputmode={props.setting.expected.includes('URL') ? 'url' : undefined}
          autocomplete="off"
          spellcheck={false}
          value={text(props.value)}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      </Match>
    </Switch>
  );
}
