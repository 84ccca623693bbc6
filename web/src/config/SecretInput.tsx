import { t } from '../i18n';
import type { SettingKind } from './setting-kind';
import type { SettingView } from './setting-types';

interface Props {
  readonly id: string;
  readonly setting: SettingView;
  readonly kind: SettingKind;
  readonly value: string;
  readonly invalid: boolean;
  readonly describedBy: string;
  readonly onInput: (value: string) => void;
}

/** The server's example as JSON: a list's example is written the env way ("a,b"), which JSON.parse refuses. */
function jsonExample(setting: SettingView): string {
  try {
    JSON.parse(setting.example);
    return setting.example;
  } catch {
    return JSON.stringify(setting.example.split(',').map((item) => item.trim()));
  }
}

/**
 * A secret is never sent to the browser: the page shows its masked form and a "replace" input
 * that starts empty. Only a typed value is sent; empty means "keep the current one".
 */
export function SecretInput(props: Props) {
  const current = () => props.setting.masked || t('config.secretUnset');
  return (
    <div class="secret">
      <p class="secret-current">{t('config.secretCurrent', { masked: current() })}</p>
      {props.kind.type === 'json' ? (
        <textarea
          id={props.id}
          class="textarea"
          rows={3}
          spellcheck={false}
          placeholder={t('config.jsonHint', { example: jsonExample(props.setting) })}
          value={props.value}
          aria-invalid={props.invalid ? 'true' : undefined}
          aria-describedby={props.describedBy}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      ) : (
        <input
          id={props.id}
          class="input"
          type="password"
          autocomplete="new-password"
          placeholder={t('config.secretReplace')}
          value={props.value}
          aria-invalid={props.invalid ? 'true' : undefined}
          aria-describedby={props.describedBy}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
      <p class="muted field-hint">{t('config.secretKeep')}</p>
    </div>
  );
}
