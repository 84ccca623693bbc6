import { createSignal, For, Show } from 'solid-js';
import { t } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { DEFAULT_FILTERS, hasFilters, type LogFilters, OUTCOME_LABELS, OUTCOMES, RANGE_PRESETS, type RangePreset } from './log-filters';
import { toLocalInput } from './format';
import type { LogNames } from './key-names';
import './log-filters.css';

interface Props {
  readonly filters: LogFilters;
  readonly onChange: (next: LogFilters) => void;
  /** Only request logs have an outcome. */
  readonly showOutcome: boolean;
  readonly names: LogNames;
}

const RANGE_LABELS: Record<RangePreset, MessageKey> = {
  '1h': 'logs.range.1h',
  '24h': 'logs.range.24h',
  '7d': 'logs.range.7d',
  all: 'logs.range.all',
  custom: 'logs.range.custom',
};

/** The statuses people look for, offered as suggestions; any other 3-digit status can be typed. */
const COMMON_STATUSES: readonly [string, MessageKey][] = [
  ['200', 'logs.status.200'],
  ['400', 'logs.status.400'],
  ['401', 'logs.status.401'],
  ['403', 'logs.status.403'],
  ['404', 'logs.status.404'],
  ['429', 'logs.status.429'],
  ['500', 'logs.status.500'],
  ['503', 'logs.status.503'],
];

/**
 * Choices apply at once; a typed value applies when the field is left or Enter is pressed (the
 * `change` event), so the list does not reload on every keystroke.
 */
export function FilterBar(props: Props) {
  const set = (patch: Partial<LogFilters>) => props.onChange({ ...props.filters, ...patch });
  // "Custom" starts from the last 24 hours rather than from two empty fields.
  const choose = (range: RangePreset) =>
    set(range === 'custom' && props.filters.from === '' && props.filters.to === '' ? { range, from: toLocalInput(Date.now() - 86_400_000) } : { range });
  // Phone only (CSS): the fields fold away so the logs start on the first screen.
  const [expanded, setExpanded] = createSignal(false);
  const active = () => [props.filters.key, props.filters.model, props.filters.status, props.showOutcome ? props.filters.outcome : ''].filter((v) => v.trim() !== '').length;

  return (
    <section class="log-filters card" aria-label={t('logs.filter.title')}>
      <span class="log-range-label" id="log-range-label">
        {t('logs.filter.range')}
      </span>
      <div class="log-range" role="group" aria-labelledby="log-range-label">
        <For each={RANGE_PRESETS}>
          {(preset) => (
            <button type="button" class="log-seg" aria-pressed={props.filters.range === preset} onClick={() => choose(preset)}>
              {t(RANGE_LABELS[preset])}
            </button>
          )}
        </For>
      </div>
      <Show when={props.filters.range === 'custom'}>
        <div class="log-custom-range">
          <label class="log-field">
            <span>{t('logs.filter.from')}</span>
            <input class="input" type="datetime-local" value={props.filters.from} onChange={(e) => set({ from: e.currentTarget.value })} />
          </label>
          <label class="log-field">
            <span>{t('logs.filter.to')}</span>
            <input class="input" type="datetime-local" value={props.filters.to} onChange={(e) => set({ to: e.currentTarget.value })} />
          </label>
        </div>
      </Show>
      <button type="button" class="btn lt-btn-small log-filters-toggle" aria-expanded={expanded()} onClick={() => setExpanded(!expanded())}>
        {active() > 0 ? t('logs.filter.moreActive', { count: active() }) : t('logs.filter.more')} {expanded() ? '▴' : '▾'}
      </button>
      <div class="log-filter-fields" classList={{ 'log-filter-fields-open': expanded() }}>
        <label class="log-field log-field-key">
          <span>{t('logs.filter.key')}</span>
          <input
            class="input mono"
            list="log-key-options"
            value={props.filters.key}
            placeholder={t('logs.filter.anyKey')}
            title={t('logs.filter.keyHint')}
            autocomplete="off"
            spellcheck={false}
            onChange={(e) => set({ key: e.currentTarget.value })}
          />
        </label>
        <label class="log-field">
          <span>{t('logs.filter.model')}</span>
          <input
            class="input"
            list="log-model-options"
            value={props.filters.model}
            placeholder={t('logs.filter.any')}
            autocomplete="off"
            spellcheck={false}
            onChange={(e) => set({ model: e.currentTarget.value })}
          />
        </label>
        <label class="log-field log-field-status">
          <span>{t('logs.filter.status')}</span>
          <input
            class="input"
            list="log-status-options"
            inputmode="numeric"
            value={props.filters.status}
            placeholder={t('logs.filter.statusPlaceholder')}
            autocomplete="off"
            onChange={(e) => set({ status: e.currentTarget.value })}
          />
        </label>
        <Show when={props.showOutcome}>
          <label class="log-field">
            <span>{t('logs.filter.outcome')}</span>
            {/* `selected` on the options: a select's `value` set before its options exist is lost. */}
            <select class="select" onChange={(e) => set({ outcome: e.currentTarget.value })}>
              <option value="" selected={props.filters.outcome === ''}>
                {t('logs.filter.any')}
              </option>
              <For each={OUTCOMES}>
                {(outcome) => (
                  <option value={outcome} selected={props.filters.outcome === outcome}>
                    {t(OUTCOME_LABELS[outcome])}
                  </option>
                )}
              </For>
            </select>
          </label>
        </Show>
        <Show when={hasFilters(props.filters)}>
          <button type="button" class="btn log-clear" onClick={() => props.onChange(DEFAULT_FILTERS)}>
            {t('logs.filter.clear')}
          </button>
        </Show>
      </div>
      <datalist id="log-key-options">
        <For each={props.names.keys()}>{(key) => <option value={key.masked} />}</For>
      </datalist>
      <datalist id="log-model-options">
        <For each={props.names.models()}>{(model) => <option value={model} />}</For>
      </datalist>
      <datalist id="log-status-options">
        <For each={COMMON_STATUSES}>{([code, label]) => <option value={code}>{t(label)}</option>}</For>
      </datalist>
    </section>
  );
}
