/** localStorage key of the chosen theme: 'light' | 'dark' | 'auto' (absent = auto). */
export const THEME_KEY = 'gb.theme';

/**
 * Inline script for index.html's <head>: applies the stored theme before the app's code loads.
 * Plain ES5 on purpose (it runs unbundled); theme.ts keeps it up to date afterwards.
 */
export const themeBootScript = `try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});var d=t==='dark'||(t!=='light'&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.setAttribute('data-theme',d?'dark':'light')}catch(e){}`;
