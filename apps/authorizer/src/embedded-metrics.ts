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
 * Metrics: the format is one documented JSON object, and Powertools Logger and Metrics measured 8.8 ms of extra
 * cold start here, more than the whole cold-start budget over a minimal handler (docs/operations.md, Why not Powertools).
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
// The directive is the same for every line of a kind. Each call site passes its dimension sets as a constant, so
// the directive is cached by that array's identity (and checked against the namespace and metrics).
const directives = new WeakMap<string[][], Directive>();

function directive(namespace: string, dimensions: string[][], entries: [string, { unit: string }][]): Directive {
  const found = directives.get(dimensions);
  if (
    found?.Namespace === namespace &&
    found.Metrics.length === entries.length &&
    found.Metrics.every((metric, i) => metric.Name === entries[i]?.[0] && metric.Unit === entries[i]?.[1].unit)
  ) {
    return found;
  }
  const made = {
    Namespace: namespace,
    Dimensions: dimensions,
    Metrics: entries.map(([Name, { unit }]) => ({ Name, Unit: unit })),
  };
  directives.set(dimensions, made);
  return made;
}
