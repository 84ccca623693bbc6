import { createEffect, onCleanup } from 'solid-js';
import { t } from '../i18n';
import type { MessageKey } from '../i18n/en';

/** The browser tab names the page, in the current language (several dashboards open in tabs). */
export function usePageTitle(key: MessageKey): void {
  createEffect(() => {
    document.title = `${t(key)} · ${t('app.title')}`;
  });
  onCleanup(() => {
    document.title = t('app.title');
  });
}
