import { onCleanup } from 'solid-js';

/**
 * Calls `refresh` every `intervalMs` while the tab is visible, and once when it becomes visible
 * again: the numbers on a dashboard left open should be current without a reload, and a hidden tab
 * should not keep querying the server.
 */
export function useAutoRefresh(refresh: () => void, intervalMs: number): void {
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') refresh();
  }, intervalMs);
  const onVisible = () => {
    if (document.visibilityState === 'visible') refresh();
  };
  document.addEventListener('visibilitychange', onVisible);
  onCleanup(() => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  });
}
