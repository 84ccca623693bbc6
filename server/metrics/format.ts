// Prometheus text exposition format, version 0.0.4. Pure: values in, text out; no I/O.
// https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type MetricType = 'counter' | 'gauge' | 'histogram';
export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  /** Appended to the family's name: `_bucket`, `_sum`, `_count` for histograms; none otherwise. */
  readonly suffix?: string;
  readonly labels?: Labels;
  readonly value: number;
}

export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  readonly samples: readonly Sample[];
}

/** Label values: backslash, double quote and line feed are escaped. */
export const escapeLabelValue = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
/** HELP text: backslash and line feed are escaped (quotes are not). */
export const escapeHelp = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

function formatLabels(labels: Labels | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
}

/** The whole exposition: HELP and TYPE before each family's samples; ends with a line feed. */
export function formatMetrics(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) lines.push(`${f.name}${s.suffix ?? ''}${formatLabels(s.labels)} ${formatValue(s.value)}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * A histogram's samples from per-bucket (non-cumulative) counts: `counts[i]` observations fell in
 * (bounds[i-1], bounds[i]], the last entry being those above every bound. Buckets come out
 * cumulative, ending with `le="+Inf"` equal to `_count`.
 */
export function histogramSamples(bounds: readonly number[], counts: readonly number[], sum: number, labels: Labels = {}): Sample[] {
  const samples: Sample[] = [];
  let running = 0;
  bounds.forEach((le, i) => {
    running += counts[i] ?? 0;
    samples.push({ suffix: '_bucket', labels: { ...labels, le: formatValue(le) }, value: running });
  });
  running += counts[bounds.length] ?? 0;
  samples.push({ suffix: '_bucket', labels: { ...labels, le: '+Inf' }, value: running });
  samples.push({ suffix: '_sum', labels, value: sum }, { suffix: '_count', labels, value: running });
  return samples;
}
