import { useBeforeLeave } from '@solidjs/router';
import { type Accessor, createEffect, onCleanup } from 'solid-js';
import { t } from '../i18n';

/** Asks before unsaved edits are lost: another page of the app, a reload, or closing the tab. */
export function useLeaveGuard(dirty: Accessor<boolean>): void {
  useBeforeLeave((event) => {
    // The login page means the session is over (logout, 401): the edits cannot be saved anyway.
    const to = typeof event.to === 'string' ? event.to : '';
    if (!dirty() || event.defaultPrevented || to.startsWith('/login')) return;
    event.preventDefault();
    if (window.confirm(t('config.leaveWarning'))) event.retry(true);
  });

  const onUnload = (event: BeforeUnloadEvent) => {
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = '';
  };
  createEffect(() => {
    if (dirty()) window.addEventListener('beforeunload', onUnload);
    else window.removeEventListener('beforeunload', onUnload);
  });
  onCleanup(() => window.removeEventListener('beforeunload', onUnload));
}
