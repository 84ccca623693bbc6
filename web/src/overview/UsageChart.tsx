import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../i18n';
import type { ApiOutputs } from '../lib/trpc';
import { xLabelIndexes, yTicks } from './chart-scale';
import { axisLabel, bucketRange, formatCompact, formatCount } from './format';
import './chart.css';

type Series = ApiOutputs['stats']['series'];

const HEIGHT = 220;
const PAD = { top: 12, right: 10, bottom: 26, left: 46 };
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/**
 * Calls per bucket as bars, the failed part of each in red at its foot (failures are a subset of
 * calls). Plain SVG drawn at the box's real pixel width, so the labels keep their size on a phone;
 * pointing at (or tapping, or arrowing to) a bar names its time and counts above the chart.
 */
export function UsageChart(props: { readonly series: Series }) {
  let box: HTMLDivElement | undefined;
  const [width, setWidth] = createSignal(640);
  const [hover, setHover] = createSignal<number | null>(null);

  onMount(() => {
    if (!box) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(240, Math.floor(entry.contentRect.width)));
    });
    observer.observe(box);
    onCleanup(() => observer.disconnect());
  });

  const buckets = () => props.series.buckets;
  const totals = createMemo(() => buckets().reduce((sum, b) => ({ calls: sum.calls + b.calls, failures: sum.failures + b.failures }), { calls: 0, failures: 0 }));
  const ticks = createMemo(() => yTicks(buckets().reduce((max, b) => Math.max(max, b.calls), 0)));
  const top = () => ticks()[ticks().length - 1] ?? 1;
  const plotW = () => width() - PAD.left - PAD.right;
  const slot = () => plotW() / Math.max(1, buckets().length);
  // Thin slots (7 days = 168 bars on a phone) get no gap: a gap there would hide the bar.
  const barW = () => (slot() >= 4 ? slot() * 0.72 : Math.max(1, slot() - 0.5));
  const barX = (i: number) => PAD.left + i * slot() + (slot() - barW()) / 2;
  const y = (value: number) => PAD.top + PLOT_H - (value / top()) * PLOT_H;
  const height = (value: number) => (value / top()) * PLOT_H;
  const labels = createMemo(() => xLabelIndexes(buckets().length, plotW()));

  const pick = (event: PointerEvent) => {
    const svg = event.currentTarget as SVGSVGElement;
    const index = Math.floor((event.clientX - svg.getBoundingClientRect().left - PAD.left) / slot());
    setHover(index >= 0 && index < buckets().length ? index : null);
  };
  const step = (event: KeyboardEvent) => {
    const last = buckets().length - 1;
    const current = hover() ?? last;
    if (event.key === 'ArrowLeft') setHover(Math.max(0, current - 1));
    else if (event.key === 'ArrowRight') setHover(Math.min(last, current + 1));
    else return;
    event.preventDefault();
  };

  const readout = () => {
    const index = hover();
    const bucket = index === null ? undefined : buckets()[index];
    if (!bucket) return t('overview.chart.total', { calls: formatCount(totals().calls), failures: formatCount(totals().failures) });
    const tokens = bucket.promptTokens + bucket.completionTokens;
    return `${bucketRange(bucket.at, props.series.bucketMs, props.series.period)} · ${t('overview.chart.bucket', {
      calls: formatCount(bucket.calls),
      failures: formatCount(bucket.failures),
      tokens: formatCompact(tokens),
    })}`;
  };

  return (
    <div class="overview-chart">
      <div class="overview-chart-head">
        <p class="overview-chart-readout" id="overview-chart-readout">
          {readout()}
        </p>
        <div class="overview-legend" aria-hidden="true">
          <span>
            <i class="overview-swatch overview-swatch-calls" />
            {t('overview.legend.calls')}
          </span>
          <span>
            <i class="overview-swatch overview-swatch-failures" />
            {t('overview.legend.failures')}
          </span>
        </div>
      </div>
      <div ref={box} class="overview-chart-box">
        <svg
          class="overview-chart-svg"
          width={width()}
          height={HEIGHT}
          viewBox={`0 0 ${width()} ${HEIGHT}`}
          role="img"
          tabindex="0"
          aria-label={t('overview.chart.aria', { calls: formatCount(totals().calls), failures: formatCount(totals().failures) })}
          aria-describedby="overview-chart-readout"
          onPointerMove={pick}
          onPointerDown={(event) => {
            // No focus from a tap or click (its ring would frame the chart); the keyboard still focuses it.
            event.preventDefault();
            pick(event);
          }}
          // A finger lifted also "leaves": on a touch screen the tapped bar stays shown until the next tap.
          onPointerLeave={(event) => event.pointerType === 'mouse' && setHover(null)}
          onKeyDown={step}
          onBlur={() => setHover(null)}
        >
          <For each={ticks()}>
            {(tick) => (
              <g>
                <line class="overview-grid" x1={PAD.left} x2={width() - PAD.right} y1={y(tick)} y2={y(tick)} />
                <text class="overview-axis" x={PAD.left - 6} y={y(tick) + 4} text-anchor="end">
                  {formatCompact(tick)}
                </text>
              </g>
            )}
          </For>
          <Show when={hover() !== null}>
            <rect class="overview-hover" x={PAD.left + (hover() ?? 0) * slot()} y={PAD.top} width={slot()} height={PLOT_H} />
          </Show>
          <For each={buckets()}>
            {(bucket, i) => (
              <Show when={bucket.calls > 0}>
                <rect class="overview-bar-calls" x={barX(i())} y={y(bucket.calls)} width={barW()} height={height(bucket.calls)} />
                <Show when={bucket.failures > 0}>
                  <rect class="overview-bar-failures" x={barX(i())} y={y(bucket.failures)} width={barW()} height={height(bucket.failures)} />
                </Show>
              </Show>
            )}
          </For>
          <For each={labels()}>
            {(index, n) => {
              const bucket = () => buckets()[index];
              // The first label starts at its bar and the last ends at its bar, so neither is cut off.
              const anchor = () => (n() === 0 ? 'start' : n() === labels().length - 1 ? 'end' : 'middle');
              const x = () => (anchor() === 'start' ? PAD.left + index * slot() : anchor() === 'end' ? PAD.left + (index + 1) * slot() : barX(index) + barW() / 2);
              return (
                <Show when={bucket()}>
                  {(shown) => (
                    <text class="overview-axis" x={x()} y={HEIGHT - 8} text-anchor={anchor()}>
                      {axisLabel(shown().at, props.series.period)}
                    </text>
                  )}
                </Show>
              );
            }}
          </For>
          <Show when={totals().calls === 0}>
            <text class="overview-empty" x={PAD.left + plotW() / 2} y={PAD.top + PLOT_H / 2} text-anchor="middle">
              {t('overview.chart.empty')}
            </text>
          </Show>
        </svg>
      </div>
    </div>
  );
}
