import { createSignal } from 'solid-js';
import { readStored, writeStored } from '../lib/storage';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly { id: Lang; label: string }[] = [
  { id: 'zh-CN', label: '中文' },
  { id: 'en', label: 'English' },
];

const LANG_KEY = 'gb.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** A stored choice wins; otherwise the browser's first language that is Chinese or English. */
function initialLang(): Lang {
  const stored = readStored(LANG_KEY);
  if (stored === 'zh-CN' || stored === 'en') return stored;
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

const [lang, setLangSignal] = createSignal<Lang>(initialLang());
export { lang };

function markDocument(value: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = value;
}
markDocument(lang());

export function setLang(value: Lang): void {
  setLangSignal(value);
  writeStored(LANG_KEY, value);
  markDocument(value);
}

/** The message in the current language, with `{name}` placeholders filled. Reactive (reads `lang`). */
export function t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  const text = dictionaries[lang()][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
}
