import { Show } from 'solid-js';
import { t } from '../i18n';

/** True when another page shows this one in a frame (Hugging Face Spaces embeds apps so). */
export function isEmbedded(): boolean {
  try {
    return window.top !== window.self;
  } catch {
    // Some browsers throw on reading a cross-origin `top`: that itself means a frame.
    return true;
  }
}

/**
 * In a frame the browser may drop the SameSite=Strict session cookie, and logging in would
 * fail without a word; this says so and opens the dashboard in its own tab.
 */
export function EmbeddedNotice() {
  return (
    <Show when={isEmbedded()}>
      <div class="notice notice-warn embedded-notice" role="note">
        <strong>{t('embed.title')}</strong>
        <p>{t('embed.body')}</p>
        {/* A link, not window.open(): a frame may block script pop-ups but still allow a user's click. */}
        <a class="btn btn-primary" href={`${location.origin}/login`} target="_blank" rel="noopener">
          {t('embed.open')} ↗
        </a>
      </div>
    </Show>
  );
}
