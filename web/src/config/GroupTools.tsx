import { createSignal, For, Show } from 'solid-js';
import { t } from '../i18n';
import { describeError } from '../lib/api-error';
import { type ApiOutputs, api } from '../lib/trpc';
import type { SettingsDraft } from './draft';
import type { SettingGroupId } from './setting-types';

type UploadResult = ApiOutputs['settings']['testUpload'];
type ProxyResults = ApiOutputs['settings']['checkProxies'];

/** The page's unsaved values of some settings, as the server takes them (only valid ones). */
function unsaved(draft: SettingsDraft, wanted: (name: string) => boolean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(draft.collect().changes).filter(([name]) => wanted(name)));
}

/** "Test upload": sends a one-pixel image to the chosen image host, with what the images section holds now. */
function UploadTest(props: { readonly draft: SettingsDraft; readonly names: readonly string[] }) {
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<UploadResult | { error: string; ok: false; provider: null; url: null }>();
  const run = async () => {
    setBusy(true);
    try {
      setResult(await api.settings.testUpload.mutate({ overrides: unsaved(props.draft, (n) => props.names.includes(n)) }));
    } catch (error) {
      setResult({ ok: false, provider: null, url: null, error: describeError(error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="group-tool">
      <button type="button" class="btn" disabled={busy()} onClick={() => void run()}>
        {busy() ? t('config.tool.testing') : t('config.tool.testUpload')}
      </button>
      <Show when={result()}>
        {(r) => (
          <p class={r().ok ? 'tool-ok' : 'tool-error'} role="status">
            <Show when={r().ok} fallback={t('config.tool.uploadFailed', { error: r().error ?? '' })}>
              {t('config.tool.uploadOk', { provider: r().provider ?? '' })}{' '}
              <a href={r().url ?? '#'} target="_blank" rel="noreferrer">
                {r().url}
              </a>
            </Show>
          </p>
        )}
      </Show>
    </div>
  );
}

/** "Check proxies": asks Google's host through each proxy the page holds (saved or not). */
function ProxyCheck(props: { readonly draft: SettingsDraft }) {
  const [busy, setBusy] = createSignal(false);
  const [results, setResults] = createSignal<ProxyResults>();
  const [failed, setFailed] = createSignal<string>();
  const run = async () => {
    setBusy(true);
    setFailed(undefined);
    try {
      const proxies = props.draft.collect().changes.PROXIES;
      setResults(await api.settings.checkProxies.mutate(Array.isArray(proxies) ? { proxies: proxies.map(String) } : {}));
    } catch (error) {
      setFailed(describeError(error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="group-tool">
      <button type="button" class="btn" disabled={busy()} onClick={() => void run()}>
        {busy() ? t('config.tool.testing') : t('config.tool.checkProxies')}
      </button>
      <Show when={failed()}>{(message) => <p class="tool-error">{message()}</p>}</Show>
      <Show when={results()}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted">{t('config.tool.noProxies')}</p>}>
            <ul class="proxy-results">
              <For each={list()}>
                {(r) => (
                  <li class={r.ok ? 'tool-ok' : 'tool-error'}>
                    <span class="mono">{r.proxy}</span> — {r.ok ? t('config.tool.proxyOk', { ms: String(r.ms ?? 0) }) : t('config.tool.proxyFailed', { error: r.error ?? '' })}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </div>
  );
}

/** Checks a section offers under its fields: the image host's test upload, the proxies' check. */
export function GroupTools(props: { readonly group: SettingGroupId; readonly names: readonly string[]; readonly draft: SettingsDraft }) {
  return (
    <>
      <Show when={props.group === 'images'}>
        <UploadTest draft={props.draft} names={props.names} />
      </Show>
      <Show when={props.group === 'api'}>
        <ProxyCheck draft={props.draft} />
      </Show>
    </>
  );
}
