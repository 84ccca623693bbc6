import { createSignal } from 'solid-js';
import { readStored, writeStored } from './storage';
import { THEME_KEY } from './theme-boot';

export type ThemeChoice = 'light' | 'dark' | 'auto';
export const THEME_CHOICES: readonly ThemeChoice[] = ['auto', 'light', 'dark'];

const isChoice = (value: string | null): value is ThemeChoice => value === 'light' || value === 'dark' || value === 'auto';
const stored = readStored(THEME_KEY);
const [theme, setThemeSignal] = createSignal<ThemeChoice>(isChoice(stored) ? stored : 'auto');
const systemDark = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;

/** The CSS reads only `data-theme="light|dark"`; "auto" is resolved here so the palette lives once in theme.css. */
function apply(): void {
  const dark = theme() === 'dark' || (theme() === 'auto' && systemDark?.matches === true);
  document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
}

// "auto" follows the system while the page is open (a phone switching to night mode at dusk).
systemDark?.addEventListener('change', () => {
  if (theme() === 'auto') apply();
});

export { theme };

export function setTheme(choice: ThemeChoice): void {
  setThemeSignal(choice);
  writeStored(THEME_KEY, choice);
  apply();
}

/** Called once at start-up (the inline boot script already did this before the first paint). */
export const applyTheme = apply;
