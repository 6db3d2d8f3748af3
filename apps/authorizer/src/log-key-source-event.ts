import type { KeySourceEvent } from '@jwt-authorizer/key-source';
import type { Log } from './log.js';

/**
 * One log line per request to the key store and per stale serve: a failed refresh is a warning while stale keys
 * still verify, an error when nothing is left to verify with (the decision line then says `key_source_*`).
 *
 * @example
 * ```ts
 * createKeySource(config, { onEvent: (event) => logKeySourceEvent(log, event) });
 * ```
 */
export function logKeySourceEvent(log: Log, event: KeySourceEvent): void {
  const durationMs = 'durationMs' in event ? Math.round(event.durationMs * 10) / 10 : undefined;
  if (event.type === 'stale') {
    log('WARN', 'serving stale keys', { source: event.source, ageSeconds: event.ageSeconds, reason: event.code });
  } else if (event.ok) {
    log('INFO', 'keys fetched', { source: event.source, durationMs });
  } else {
    log('WARN', 'key fetch failed', { source: event.source, reason: event.code, durationMs });
  }
}
