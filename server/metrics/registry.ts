import type { NewRequestLog } from '../../db/repository';
import type { Recorder } from '../proxy/recorder';
import { histogramSamples, type MetricFamily } from './format';

/** Upper bounds of the upstream latency histogram, in seconds (+Inf is implied). */
export const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

export interface MetricsLimits {
  /** Distinct `model` label values kept; later new models count as "other" (models come from clients). */
  readonly maxModels: number;
  /** Distinct `route` label values kept (`openai/*` passes the client's path through); then "other". */
  readonly maxRoutes: number;
}
const LIMITS: MetricsLimits = { maxModels: 100, maxRoutes: 50 };

export const OTHER = 'other';
/** The label value for a row without a model or an HTTP status (a network error, a timeout). */
export const NONE = 'none';

/** Keeps at most `max` distinct values; any value beyond them becomes "other". */
function boundedValues(max: number) {
  const seen = new Set<string>();
  return (value: string): string => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return OTHER;
    seen.add(value);
    return value;
  };
}

/** The in-memory counters behind /metrics: one observation per upstream attempt (request-log row). */
export function createMetrics(limits: Partial<MetricsLimits> = {}) {
  const l = { ...LIMITS, ...limits };
  const model = boundedValues(l.maxModels);
  const route = boundedValues(l.maxRoutes);
  const requests = new Map<string, { labels: Record<string, string>; value: number }>();
  const buckets = new Array<number>(LATENCY_BUCKETS.length + 1).fill(0);
  let latencySum = 0;

  return {
    observe(row: Pick<NewRequestLog, 'endpoint' | 'model' | 'status' | 'outcome' | 'latencyMs'>) {
      const labels = {
        route: route(row.endpoint || NONE),
        model: model(row.model || NONE),
        status: row.status === null ? NONE : String(row.status),
        outcome: row.outcome,
      };
      const id = JSON.stringify(labels);
      const entry = requests.get(id);
      if (entry) entry.value += 1;
      else requests.set(id, { labels, value: 1 });
      const seconds = Math.max(0, row.latencyMs) / 1000;
      const i = LATENCY_BUCKETS.findIndex((le) => seconds <= le);
      const slot = i === -1 ? LATENCY_BUCKETS.length : i;
      buckets[slot] = (buckets[slot] ?? 0) + 1;
      latencySum += seconds;
    },
    families(): MetricFamily[] {
      return [
        {
          name: 'gemini_balance_requests_total',
          help: 'Upstream attempts (one per request-log row), by route, model, HTTP status and outcome.',
          type: 'counter',
          samples: [...requests.values()].map(({ labels, value }) => ({ labels, value })),
        },
        {
          name: 'gemini_balance_upstream_latency_seconds',
          help: 'Time from sending an upstream attempt to its outcome, in seconds.',
          type: 'histogram',
          samples: histogramSamples(LATENCY_BUCKETS, buckets, latencySum),
        },
      ];
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const byRecorder = new WeakMap<Recorder, Metrics>();

/** The same recorder, also counting every request row into a metrics registry (see metricsOf). */
export function withMetrics(recorder: Recorder, metrics: Metrics = createMetrics()): Recorder {
  const counted: Recorder = {
    ...recorder,
    request(row) {
      metrics.observe(row);
      recorder.request(row);
    },
  };
  byRecorder.set(counted, metrics);
  return counted;
}

/** The registry counting this recorder's rows; an empty one for a recorder not built by withMetrics. */
export function metricsOf(recorder: Recorder): Metrics {
  let metrics = byRecorder.get(recorder);
  if (!metrics) {
    metrics = createMetrics();
    byRecorder.set(recorder, metrics);
  }
  return metrics;
}
