import { CopyButton } from './CopyButton';
import './copy.css';

/**
 * One value to paste into an app: its field's name, the exact text (selectable whole with one tap,
 * in case copying is refused) and a copy button.
 */
export function CopyField(props: { readonly label: string; readonly value: string; readonly id?: string; readonly placeholder?: boolean }) {
  return (
    <div class="connect-field" data-field={props.id}>
      <span class="connect-field-label">{props.label}</span>
      <div class="connect-field-row">
        <code class="connect-value" classList={{ 'connect-value-placeholder': props.placeholder === true }}>
          {props.value}
        </code>
        <CopyButton text={props.value} label={props.label} />
      </div>
    </div>
  );
}
