/** Metrics carried by one log line; see {@link embeddedMetrics}. */
export interface LineMetrics {
  /** Dimension sets: each names fields of the line (closed sets of values: outcome, reason code, source). */
  dimensions: string[][];
  values: Record<string, { value: number; unit: 'Count' | 'Milliseconds' }>;
}

/**
 * The members that make a JSON log line a CloudWatch Embedded Metric Format document
 * (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * CloudWatch Logs extracts the metrics; no API call, no extra latency. Written by hand rather than with Powertools
 * Metrics: the format is one documented JSON object, and Powertools Logger and Metrics measured 10-12 ms of extra
 * cold start here, twice the whole budget the benchmarks allow over a minimal handler (README, Observability).
 *
 * @example
 * ```ts
 * embeddedMetrics('JwtAuthorizer', { dimensions: [['outcome']], values: { decisions: { value: 1, unit: 'Count' } } });
 * ```
 */
export function embeddedMetrics(namespace: string, metrics: LineMetrics): Record<string, unknown> {
  const entries = Object.entries(metrics.values);
  const emf: Record<string, unknown> = {
    _aws: { Timestamp: Date.now(), CloudWatchMetrics: [directive(namespace, metrics.dimensions, entries)] },
  };
  for (const [name, { value }] of entries) emf[name] = value;
  return emf;
}

type Directive = { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] };
// The directive is the same for every line of a kind: built once per namespace, dimension sets and metrics.
const directives = new Map<string, Directive>();

function directive(namespace: string, dimensions: string[][], entries: [string, { unit: string }][]): Directive {
  const key = `${namespace}|${JSON.stringify(dimensions)}|${entries.map(([name, { unit }]) => `${name}:${unit}`).join(',')}`;
  let found = directives.get(key);
  if (!found) {
    found = {
      Namespace: namespace,
      Dimensions: dimensions,
      Metrics: entries.map(([Name, { unit }]) => ({ Name, Unit: unit })),
    };
    directives.set(key, found);
  }
  return found;
}
