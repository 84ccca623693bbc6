import type { MessageKey } from '../i18n/en';

/** The top bar's pages, in order. Overview, Keys, Logs and Tokens join this list when they exist. */
export const NAV_ITEMS: readonly { href: string; label: MessageKey }[] = [{ href: '/config', label: 'nav.config' }];
