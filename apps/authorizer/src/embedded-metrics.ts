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
  return {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: metrics.dimensions,
          Metrics: entries.map(([name, { unit }]) => ({ Name: name, Unit: unit })),
        },
      ],
    },
    ...Object.fromEntries(entries.map(([name, { value }]) => [name, value])),
  };
}
