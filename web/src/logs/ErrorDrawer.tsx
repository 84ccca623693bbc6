import { createResource, Match, Show, Switch } from 'solid-js';
import { t } from '../i18n';
import { describeError } from '../lib/api-error';
import { api } from '../lib/trpc';
import { CopyButton } from './CopyButton';
import { Dialog } from './Dialog';
import { formatTime } from './format';
import type { LogNames } from './key-names';
import { prettyJson, readableMessage } from './message-text';
import './log-detail.css';

interface Props {
  /** The error log shown; null = closed. */
  readonly id: number | null;
  readonly names: LogNames;
  readonly onClose: () => void;
}

/** One error log in full: the whole message and, when it was recorded, the request body. */
export function ErrorDrawer(props: Props) {
  const [detail, { refetch }] = createResource(
    () => props.id,
    (id) => api.logs.errorDetail.query({ id }),
  );
  const loaded = () => (detail.state === 'ready' ? detail() : undefined);

  return (
    <Dialog open={props.id !== null} title={t('logs.detail.title')} onClose={props.onClose} drawer>
      <Switch>
        <Match when={detail.state === 'errored'}>
          <div class="notice notice-error">
            <p>{describeError(detail.error).message}</p>
            <button type="button" class="btn" onClick={() => refetch()}>
              {t('common.retry')}
            </button>
          </div>
        </Match>
        <Match when={loaded()}>
          {(row) => (
            <>
              <dl class="log-detail-facts">
                <dt>{t('logs.col.time')}</dt>
                <dd>{formatTime(row().at)}</dd>
                <dt>{t('logs.col.key')}</dt>
                <dd class="mono">{props.names.maskedOf(row().keyFingerprint) ?? row().keyFingerprint ?? '—'}</dd>
                <dt>{t('logs.col.model')}</dt>
                <dd>{row().model ?? '—'}</dd>
                <dt>{t('logs.col.status')}</dt>
                <dd>{row().status ?? '—'}</dd>
                <dt>{t('logs.col.type')}</dt>
                <dd class="mono">{row().errorType}</dd>
              </dl>
              <section class="log-detail-block">
                <div class="log-detail-block-head">
                  <h3>{t('logs.detail.message')}</h3>
                  <CopyButton text={row().message} />
                </div>
                {/* Google's sentence first, in plain text; the whole answer below it. */}
                <Show when={readableMessage(row().message) !== row().message}>
                  <p class="log-detail-summary">{readableMessage(row().message)}</p>
                </Show>
                <pre class="log-detail-pre" id="error-detail-message">
                  {prettyJson(row().message)}
                </pre>
              </section>
              <section class="log-detail-block">
                <div class="log-detail-block-head">
                  <h3>{t('logs.detail.body')}</h3>
                  <Show when={row().requestBody}>{(body) => <CopyButton text={prettyJson(body())} />}</Show>
                </div>
                <Show when={row().requestBody} fallback={<p class="muted">{t('logs.detail.noBody')}</p>}>
                  {(body) => (
                    <pre class="log-detail-pre" id="error-detail-body">
                      {prettyJson(body())}
                    </pre>
                  )}
                </Show>
              </section>
            </>
          )}
        </Match>
        <Match when={detail.loading}>
          <p class="muted">{t('common.loading')}</p>
        </Match>
      </Switch>
    </Dialog>
  );
}
