import { For } from 'solid-js';
import { t } from '../i18n';
import { setTheme, THEME_CHOICES, type ThemeChoice, theme } from '../lib/theme';

const ICONS: Record<ThemeChoice, string> = { auto: '◐', light: '☀', dark: '☾' };

export function ThemeSwitch() {
  return (
    <label class="switch">
      <span class="visually-hidden">{t('nav.theme')}</span>
      {/* `selected` on the options: a select's `value` set before its options exist is lost. */}
      <select class="select switch-select" onChange={(e) => setTheme(e.currentTarget.value as ThemeChoice)}>
        <For each={THEME_CHOICES}>
          {(choice) => (
            <option value={choice} selected={choice === theme()}>
              {`${ICONS[choice]} ${t(`theme.${choice}`)}`}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}
