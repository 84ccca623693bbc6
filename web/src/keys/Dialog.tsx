import { createUniqueId, type JSX, onMount, Show } from 'solid-js';
import { t } from '../i18n';
import './dialog.css';

interface Props {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: JSX.Element;
  /** The buttons, at the bottom (on a phone, within thumb reach). */
  readonly footer?: JSX.Element;
  /** For tests and styles. */
  readonly id?: string;
}

/**
 * A modal window. The browser's own <dialog> opened with showModal(): it keeps the focus inside,
 * closes with Esc and makes the page behind inert, with no library. The caller shows it with
 * <Show> and closes it by removing it; Esc and a click outside ask the caller through onClose.
 */
export function Dialog(props: Props) {
  let element: HTMLDialogElement | undefined;
  const titleId = createUniqueId();
  // Where the press started: selecting text in the box and releasing outside is not a click outside.
  let pressedBackdrop = false;
  onMount(() => element?.showModal());

  return (
    <dialog
      ref={element}
      id={props.id}
      class="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Esc: the caller decides (it removes the element), so the browser must not close it alone.
        event.preventDefault();
        props.onClose();
      }}
      // The box fills the <dialog>; an event on the <dialog> itself is on the backdrop.
      onPointerDown={(event) => {
        pressedBackdrop = event.target === element;
      }}
      onClick={(event) => {
        if (pressedBackdrop && event.target === element) props.onClose();
      }}
    >
      <div class="dialog-box">
        <header class="dialog-head">
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" class="dialog-x" aria-label={t('keys.close')} onClick={() => props.onClose()}>
            ×
          </button>
        </header>
        <div class="dialog-body">{props.children}</div>
        <Show when={props.footer}>
          <footer class="dialog-foot">{props.footer}</footer>
        </Show>
      </div>
    </dialog>
  );
}
