import { createEffect, createUniqueId, type JSX, Show } from 'solid-js';
import { t } from '../i18n';
import './dialog.css';

interface Props {
  readonly open: boolean;
  readonly title: string;
  readonly onClose: () => void;
  /** A side panel (full screen on a phone) instead of a centred box. */
  readonly drawer?: boolean;
  /** False for forms: a stray click beside the box must not throw away what was typed. */
  readonly closeOnBackdrop?: boolean;
  readonly class?: string;
  readonly children: JSX.Element;
  readonly footer?: JSX.Element;
}

/**
 * The native modal <dialog>: the browser traps the focus, closes it on Escape and makes the page
 * behind it inert. The content mounts on each opening, so a form starts empty every time.
 * (Used by the tokens page too; it lives here because the logs page came first.)
 */
export function Dialog(props: Props) {
  let element: HTMLDialogElement | undefined;
  const titleId = createUniqueId();

  createEffect(() => {
    if (!element) return;
    if (props.open && !element.open) element.showModal();
    else if (!props.open && element.open) element.close();
  });

  return (
    <dialog
      ref={element}
      class={`lt-dialog ${props.drawer ? 'lt-drawer' : 'lt-dialog-box'} ${props.class ?? ''}`}
      aria-labelledby={titleId}
      // Escape closes the element itself; tell the owner so its `open` agrees.
      onClose={() => props.open && props.onClose()}
      // A click whose target is the <dialog> itself landed on the backdrop (the content fills the box).
      onClick={(e) => e.target === element && props.closeOnBackdrop !== false && props.onClose()}
    >
      <Show when={props.open}>
        <div class="lt-dialog-frame">
          <header class="lt-dialog-head">
            <h2 id={titleId}>{props.title}</h2>
            <button type="button" class="btn lt-dialog-x" onClick={() => props.onClose()} aria-label={t('logs.close')}>
              ×
            </button>
          </header>
          <div class="lt-dialog-body">{props.children}</div>
          <Show when={props.footer}>
            <footer class="lt-dialog-foot">{props.footer}</footer>
          </Show>
        </div>
      </Show>
    </dialog>
  );
}
