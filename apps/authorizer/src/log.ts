/** Severity of a log line. */
export type LogLevel = 'INFO' | 'WARN' | 'ERROR';
/** Writes one structured log line. */
export type Log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

// What JSON.stringify leaves raw but terminals and log viewers act on: DEL, the C1 controls (NEL, CSI, ...) and
// the Unicode line and paragraph separators. Outside strings JSON has none of them, so escaping keeps it valid.
const RAW_CONTROLS = /[\u007f-\u009f\u2028\u2029]/g;

/**
 * A log that writes one JSON object per line, the form CloudWatch Logs Insights queries field by field.
 * `JSON.stringify` escapes the C0 controls and the rest are escaped here, so a value taken from a token
 * (a `kid`, an `iss`) can neither forge a line nor drive a terminal.
 *
 * @example
 * ```ts
 * const log = createJsonLog(); log('WARN', 'authorization refused', { reason: 'expired' });
 * ```
 */
export function createJsonLog(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Log {
  return (level, message, fields = {}) => {
    const line = JSON.stringify({ level, message, timestamp: new Date().toISOString(), ...fields });
    write(line.replace(RAW_CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`));
  };
}
