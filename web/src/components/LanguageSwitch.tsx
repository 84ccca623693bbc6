import { For } from 'solid-js';
import { type Lang, LANGS, lang, setLang, t } from '../i18n';

export function LanguageSwitch() {
  return (
    <label class="switch">
      <span class="visually-hidden">{t('nav.language')}</span>
      {/* `selected` on the options: a select's `value` set before its options exist is lost. */}
      <select class="select switch-select" onChange={(e) => setLang(e.currentTarget.value as Lang)}>
        <For each={LANGS}>
          {(item) => (
            <option value={item.id} selected={item.id === lang()}>
              {item.label}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}
