import { For, Show } from 'solid-js';
import { t } from '../i18n';
import { formatCount, formatMinute } from '../logs/format';
import type { TokenView } from './token-form';
import { TokenSecret } from './TokenSecret';

interface Props {
  readonly tokens: readonly TokenView[];
  readonly now: number;
  readonly onEdit: (token: TokenView) => void;
  readonly onDelete: (token: TokenView) => void;
  readonly onError: (error: unknown) => void;
}

/** Every access token with its limits in words ("All models", "Never", "No limit"), not blanks. */
export function TokenTable(props: Props) {
  return (
    <table class="token-table">
      <thead>
        <tr>
          <th>{t('tokens.col.label')}</th>
          <th>{t('tokens.col.token')}</th>
          <th>{t('tokens.col.models')}</th>
          <th>{t('tokens.col.expires')}</th>
          <th>{t('tokens.col.rpm')}</th>
          <th>{t('tokens.col.created')}</th>
          <th>
            <span class="visually-hidden">{t('tokens.col.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        <For each={props.tokens}>
          {(token) => {
            const expired = () => token.expiresAt !== null && token.expiresAt <= props.now;
            return (
              <tr classList={{ 'token-expired': expired() }}>
                <td class="token-label" data-label={t('tokens.col.label')}>
                  {token.label}
                </td>
                <td data-label={t('tokens.col.token')}>
                  <TokenSecret token={token} onError={props.onError} />
                </td>
                <td class="lt-wrap" data-label={t('tokens.col.models')}>
                  <Show when={token.allowedModels} fallback={<span class="muted">{t('tokens.allModels')}</span>}>
                    {(models) => <span class="token-models">{models().join(', ')}</span>}
                  </Show>
                </td>
                <td class="lt-nowrap" data-label={t('tokens.col.expires')}>
                  {/* Not <Show>: an expiry of 0 (cut off through the API) is a time, not "never". */}
                  {token.expiresAt === null ? <span class="muted">{t('tokens.never')}</span> : formatMinute(token.expiresAt)}
                  <Show when={expired()}>
                    <span class="lt-pill lt-tone-bad token-expired-pill">{t('tokens.expired')}</span>
                  </Show>
                </td>
                <td class="lt-nowrap" data-label={t('tokens.col.rpm')}>
                  <Show when={token.rpmLimit} fallback={<span class="muted">{t('tokens.noLimit')}</span>}>
                    {(rpm) => t('tokens.perMinute', { n: formatCount(rpm()) })}
                  </Show>
                </td>
                <td class="lt-nowrap" data-label={t('tokens.col.created')}>
                  {formatMinute(token.createdAt)}
                </td>
                <td class="token-actions-cell">
                  <div class="token-actions">
                    <button type="button" class="btn lt-btn-small" onClick={() => props.onEdit(token)}>
                      {t('tokens.edit')}
                    </button>
                    <button type="button" class="btn lt-btn-small lt-btn-danger-outline" onClick={() => props.onDelete(token)}>
                      {t('tokens.delete')}
                    </button>
                  </div>
                </td>
              </tr>
            );
          }}
        </For>
      </tbody>
    </table>
  );
}
