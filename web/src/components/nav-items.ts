import type { MessageKey } from '../i18n/en';

/** The top bar's pages, in order. */
export const NAV_ITEMS: readonly { href: string; label: MessageKey }[] = [
  { href: '/', label: 'overview.nav' },
  { href: '/keys', label: 'keys.nav' },
  { href: '/config', label: 'nav.config' },
  { href: '/logs', label: 'logs.nav' },
  { href: '/tokens', label: 'tokens.nav' },
  { href: '/connect', label: 'connect.nav' },
];
