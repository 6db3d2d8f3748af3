/** Metrics carried by one log line; see {@link embeddedMetrics}. */
export interface LineMetrics {
  /** Dimension sets: each names fields of the line (closed sets of values: outcome, reason code, source). */
  dimensions: string[][];
  values: Record<string, { value: number; unit: 'Count' | 'Milliseconds' }>;
}

/**
 * The members that make a JSON log line a CloudWatch Embedded Metric Format document
 * (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html),
 * as JSON text to end the line with: `,"_aws":{...},"<metric>":<value>,...`. CloudWatch Logs extracts the metrics;
 * no API call, no extra latency. Written by hand rather than with Powertools Metrics: the format is one documented
 * JSON object, and Powertools Logger and Metrics measured 8.8 ms of extra cold start here (docs/operations.md,
 * Why not Powertools). The directive is the same for every line of a kind, so its JSON is made once per metrics
 * object: pass a new object to change a line's metric names or units.
 *
 * @example
 * ```ts
 * embeddedMetrics('JwtAuthorizer', { dimensions: [['outcome']], values: { decisions: { value: 1, unit: 'Count' } } }, Date.now());
 * // ',"_aws":{"Timestamp":1796162416000,"CloudWatchMetrics":[{"Namespace":"JwtAuthorizer",...}]},"decisions":1'
 * ```
 */
export function embeddedMetrics(namespace: string, metrics: LineMetrics, timestamp: number): string {
  const { json, names, keys } = directive(namespace, metrics);
  let text = `,"_aws":{"Timestamp":${timestamp},"CloudWatchMetrics":[${json}]}`;
  for (let i = 0; i < names.length; i += 1) {
    const value = metrics.values[names[i] as string]?.value ?? 0;
    text += `,${keys[i]}:${Number.isFinite(value) ? value : 0}`;
  }
  return text;
}

type Directive = { namespace: string; json: string; names: string[]; keys: string[] };
// A decision line's metrics are one constant object per kind of line, whose values change, so the directive (names,
// units, dimensions) is made once per metrics object and namespace: a line's metric names and units are read when
// the object is first logged, its values on every line.
const directives = new WeakMap<LineMetrics, Directive>();

function directive(namespace: string, metrics: LineMetrics): Directive {
  const found = directives.get(metrics);
  if (found?.namespace === namespace) return found;
  const names = Object.keys(metrics.values);
  const json = JSON.stringify({
    Namespace: namespace,
    Dimensions: metrics.dimensions,
    Metrics: names.map((Name) => ({ Name, Unit: metrics.values[Name]?.unit ?? 'Count' })),
  });
  const made = { namespace, json, names, keys: names.map((name) => JSON.stringify(name)) };
  directives.set(metrics, made);
  return made;
}
