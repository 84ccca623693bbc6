import { Show } from 'solid-js';
import { lang, t } from '../i18n';
import { settingDescriptionsZh } from '../i18n/setting-descriptions.zh-CN';
import type { SettingsDraft } from './draft';
import { SecretInput } from './SecretInput';
import { SettingInput } from './SettingInput';
import type { SettingView } from './setting-types';

interface Props {
  readonly setting: SettingView;
  readonly draft: SettingsDraft;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function shortValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? t('config.on') : t('config.off');
  const textValue = typeof value === 'string' ? (value === '' ? '""' : value) : JSON.stringify(value);
  return textValue.length > 90 ? `${textValue.slice(0, 87)}…` : textValue;
}

/** One setting: its name, what it does, the input, and any message about it, side by side. */
export function SettingField(props: Props) {
  const name = () => props.setting.name;
  const id = () => `setting-${name()}`;
  const kind = () => props.draft.kindOf(name());
  const description = () => (lang() === 'zh-CN' ? (settingDescriptionsZh[name()] ?? props.setting.description) : props.setting.description);
  const showDefault = () => !props.setting.secret && !same(props.setting.value, props.setting.default);
  const draftValue = () => props.draft.value(name()) ?? '';
  // Why this field was not saved: the server's message, or the page's own check.
  const error = () => props.draft.error(name());

  return (
    <div class="setting" classList={{ 'setting-changed': props.draft.isChanged(name()), 'setting-invalid': !!error() }}>
      <div class="setting-info">
        <div class="setting-title">
          <label class="setting-name mono" for={id()}>
            {name()}
          </label>
          <Show when={props.draft.isChanged(name())}>
            <span class="badge badge-changed">{t('config.changed')}</span>
          </Show>
        </div>
        <p class="setting-desc" id={`${id()}-desc`}>
          {description()}
        </p>
        <Show when={showDefault()}>
          <p class="muted field-hint">{t('config.default', { value: shortValue(props.setting.default) })}</p>
        </Show>
      </div>
      <div class="setting-control">
        <Show
          when={props.setting.secret}
          fallback={
            <SettingInput
              id={id()}
              setting={props.setting}
              kind={kind()}
              value={draftValue()}
              invalid={!!error()}
              describedBy={`${id()}-desc ${id()}-error`}
              onInput={(value) => props.draft.set(name(), value)}
            />
          }
        >
          <SecretInput
            id={id()}
            setting={props.setting}
            kind={kind()}
            value={String(draftValue())}
            invalid={!!error()}
            describedBy={`${id()}-desc ${id()}-error`}
            onInput={(value) => props.draft.set(name(), value)}
          />
        </Show>
        <Show when={error()}>
          {(message) => (
            <p class="field-error" id={`${id()}-error`} role="alert">
              {message()}
            </p>
          )}
        </Show>
      </div>
    </div>
  );
}
