/** Severity of a log line. */
export type LogLevel = 'INFO' | 'WARN' | 'ERROR';
/** Writes one structured log line. */
export type Log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

/**
 * A log that writes one JSON object per line, the form CloudWatch Logs Insights queries field by field.
 * `JSON.stringify` escapes control characters, so a value taken from a token cannot forge a line.
 *
 * @example
 * ```ts
 * const log = createJsonLog(); log('WARN', 'authorization refused', { reason: 'expired' });
 * ```
 */
export function createJsonLog(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Log {
  return (level, message, fields = {}) => {
    write(JSON.stringify({ level, message, timestamp: new Date().toISOString(), ...fields }));
  };
}
