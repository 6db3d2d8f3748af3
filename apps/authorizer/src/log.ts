import { embeddedMetrics, type LineMetrics } from './embedded-metrics.js';

/** Severity of a log line. */
export type LogLevel = 'INFO' | 'WARN' | 'ERROR';
/** Writes one structured log line, optionally carrying CloudWatch metrics. */
export type Log = (level: LogLevel, message: string, fields?: Record<string, unknown>, metrics?: LineMetrics) => void;

/** Options of {@link createJsonLog}. */
export interface JsonLogOptions {
  /** Lines below this level are not written (`LOG_LEVEL`). Default `INFO`. */
  level?: LogLevel;
  /** CloudWatch namespace of the embedded metrics (`METRICS_NAMESPACE`). Default `JwtAuthorizer`. */
  namespace?: string;
}

const RANK: Record<LogLevel, number> = { INFO: 0, WARN: 1, ERROR: 2 };

// What JSON.stringify leaves raw but terminals and log viewers act on: DEL, the C1 controls (NEL, CSI, ...) and
// the Unicode line and paragraph separators. Outside strings JSON has none of them, so escaping keeps it valid.
const RAW_CONTROLS = /[\u007f-\u009f\u2028\u2029]/g;

function escapeControls(line: string): string {
  return line.replace(RAW_CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A log that writes one JSON object per line, the form CloudWatch Logs Insights queries field by field.
 * `JSON.stringify` escapes the C0 controls and the rest are escaped here, so a value taken from a token
 * (a `kid`, an `iss`) can neither forge a line nor drive a terminal. A line below the level is dropped, but if it
 * carries metrics, a line with only the metrics and their dimensions is still written: `LOG_LEVEL=ERROR` must not
 * blind the dashboards.
 *
 * @example
 * ```ts
 * const log = createJsonLog(); log('WARN', 'authorization refused', { reason: 'expired' });
 * ```
 */
export function createJsonLog(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  options: JsonLogOptions = {},
): Log {
  const minimum = RANK[options.level ?? 'INFO'];
  const namespace = options.namespace ?? 'JwtAuthorizer';
  return (level, message, fields = {}, metrics) => {
    const emf = metrics && embeddedMetrics(namespace, metrics);
    if (RANK[level] >= minimum) {
      write(escapeControls(JSON.stringify({ level, message, timestamp: new Date().toISOString(), ...fields, ...emf })));
    } else if (metrics && emf) {
      const dimensions = new Set(metrics.dimensions.flat());
      const kept = Object.fromEntries(Object.entries(fields).filter(([k]) => dimensions.has(k)));
      write(escapeControls(JSON.stringify({ ...kept, ...emf })));
    }
  };
}
