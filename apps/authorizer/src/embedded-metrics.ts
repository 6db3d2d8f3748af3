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
 * Why not Powertools). The directive is the same for every line of a kind, so its JSON is made once per kind.
 *
 * @example
 * ```ts
 * embeddedMetrics('JwtAuthorizer', { dimensions: [['outcome']], values: { decisions: { value: 1, unit: 'Count' } } }, Date.now());
 * // ',"_aws":{"Timestamp":1796162416000,"CloudWatchMetrics":[{"Namespace":"JwtAuthorizer",...}]},"decisions":1'
 * ```
 */
export function embeddedMetrics(namespace: string, metrics: LineMetrics, timestamp: number): string {
  const names = Object.keys(metrics.values);
  const { json, keys } = directive(namespace, metrics, names);
  let text = `,"_aws":{"Timestamp":${timestamp},"CloudWatchMetrics":[${json}]}`;
  for (let i = 0; i < names.length; i += 1) {
    const value = metrics.values[names[i] as string]?.value ?? 0;
    text += `,${keys[i]}:${Number.isFinite(value) ? value : 0}`;
  }
  return text;
}

type Directive = { namespace: string; names: string[]; units: string[]; json: string; keys: string[] };
// Each call site passes its dimension sets as a constant, so the directive is cached by that array's identity (and
// checked against the namespace and metrics, should a site vary them).
const directives = new WeakMap<string[][], Directive>();

function directive(namespace: string, metrics: LineMetrics, names: string[]): Directive {
  const units = names.map((name) => metrics.values[name]?.unit ?? 'Count');
  const found = directives.get(metrics.dimensions);
  if (
    found?.namespace === namespace &&
    found.names.length === names.length &&
    found.names.every((name, i) => name === names[i] && found.units[i] === units[i])
  ) {
    return found;
  }
  const json = JSON.stringify({
    Namespace: namespace,
    Dimensions: metrics.dimensions,
    Metrics: names.map((Name, i) => ({ Name, Unit: units[i] })),
  });
  const made = { namespace, names, units, json, keys: names.map((name) => JSON.stringify(name)) };
  directives.set(metrics.dimensions, made);
  return made;
}
