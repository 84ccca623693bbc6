import { CopyButton } from './CopyButton';
import './copy.css';

/** A snippet with its language and a copy button; long lines scroll inside the block, not the page. */
export function CodeBlock(props: { readonly title: string; readonly code: string }) {
  return (
    <figure class="connect-code">
      <figcaption class="connect-code-head">
        <span>{props.title}</span>
        <CopyButton text={props.code} label={props.title} />
      </figcaption>
      <pre class="connect-pre">
        <code>{props.code}</code>
      </pre>
    </figure>
  );
}
