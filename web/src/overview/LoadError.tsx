import { t } from '../i18n';
import { describeError } from '../lib/api-error';

/** A section that could not load says why (the server's words) and offers to try again; the rest of the page stays usable. */
export function LoadError(props: { readonly error: unknown; readonly onRetry: () => void }) {
  return (
    <div class="notice notice-error overview-error" role="alert">
      <span>{describeError(props.error).message}</span>
      <button type="button" class="btn" onClick={() => props.onRetry()}>
        {t('common.retry')}
      </button>
    </div>
  );
}
