import { embeddedMetrics, type LineMetrics } from './embedded-metrics.js';

/** Severity of a log line. */
export type LogLevel = 'INFO' | 'WARN' | 'ERROR';
/**
 * Writes one structured log line, optionally carrying CloudWatch metrics. `fields` must not repeat a metric's
 * name: the metric's value is the member of that name (EMF), written once. A `fields` object passed for two lines
 * in a row is serialized once, so it must not change once passed.
 */
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
const RAW_CONTROL = /[\u007f-\u009f\u2028\u2029]/;
const RAW_CONTROLS = new RegExp(RAW_CONTROL.source, 'g');

function escapeControls(json: string): string {
  if (!RAW_CONTROL.test(json)) return json;
  return json.replace(RAW_CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A log that writes one JSON object per line, the form CloudWatch Logs Insights queries field by field:
 * `level`, `message`, `timestamp`, the fields, then the embedded metrics. `JSON.stringify` escapes the C0 controls
 * of the fields and the rest are escaped here, so a value taken from a token (a `kid`, an `iss`) can neither forge
 * a line nor drive a terminal. A line below the level is dropped, but if it carries metrics, a line with only the
 * metrics and their dimensions is still written: `LOG_LEVEL=ERROR` must not blind the dashboards.
 *
 * The line is assembled as text around one `JSON.stringify` of the fields (its constant parts made once), because
 * it is written on every request and an object spread into a single stringify cost more than the rest of the
 * decision (see the benchmarks). It goes through `process.stdout`, not `fs.writeSync(1)`, although that measured
 * faster (a fraction of a microsecond warm, about 0.45 ms of a cold start): in Lambda stdout is a pipe, which Node
 * makes non-blocking as soon as anything creates `process.stdout`, and a raw write to a full one throws `EAGAIN`;
 * emulators also capture the handler's output through `process.stdout.write`.
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
  const heads: Record<LogLevel, Map<string, string>> = { INFO: new Map(), WARN: new Map(), ERROR: new Map() };
  const headOf = (level: LogLevel, message: string) => {
    let head = heads[level].get(message);
    if (head === undefined) {
      head = `{"level":"${level}","message":${escapeControls(JSON.stringify(message))},"timestamp":"`;
      heads[level].set(message, head);
    }
    return head;
  };
  let lastFields: object | undefined;
  let lastBody = '';
  return (level, message, fields = {}, metrics) => {
    const now = Date.now();
    const emf = metrics ? embeddedMetrics(namespace, metrics, now) : '';
    if (RANK[level] >= minimum) {
      const body = fields === lastFields ? lastBody : escapeControls(JSON.stringify(fields));
      lastFields = fields;
      lastBody = body;
      write(`${headOf(level, message)}${isoTimestamp(now)}"${body.length > 2 ? `,${body.slice(1, -1)}` : ''}${emf}}`);
    } else if (metrics) {
      const dimensions = new Set(metrics.dimensions.flat());
      const kept = Object.fromEntries(Object.entries(fields).filter(([k, v]) => dimensions.has(k) && v !== undefined));
      write(`${escapeControls(JSON.stringify(kept)).slice(0, -1)}${Object.keys(kept).length ? emf : emf.slice(1)}}`);
    }
  };
}

let minute = Number.NaN;
let minutePrefix = '';

const pad = (value: number, digits = 2) => String(value).padStart(digits, '0');

/**
 * `new Date(ms).toISOString()`, made from a prefix that changes once a minute: toISOString costs about as much as
 * the rest of the line, and every line needs one. The prefix is made of the UTC fields, not sliced from
 * toISOString: its first call in a process takes about 0.2 ms, a cost every cold start paid.
 */
export function isoTimestamp(ms: number): string {
  const start = ms - (ms % 60_000);
  if (start !== minute) {
    minute = start;
    const date = new Date(start); // 2026-12-01T22:00:
    const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
    minutePrefix = `${day}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:`;
  }
  const inMinute = ms - start;
  const seconds = Math.floor(inMinute / 1000);
  const millis = inMinute % 1000;
  return `${minutePrefix}${seconds < 10 ? '0' : ''}${seconds}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}
