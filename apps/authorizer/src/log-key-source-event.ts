import type { KeySourceEvent } from '@jwt-authorizer/key-source';
import type { LineMetrics } from './embedded-metrics.js';
import type { Log } from './log.js';

// The dimension sets of these lines, made once. These lines are rare (a fetch, a stale serve): their metrics objects
// are made per line, and so is their EMF directive.
const BY_SOURCE = [['source']];
const BY_SOURCE_AND_RESULT = [['source', 'result']];

/**
 * One log line, with its metrics, per request to the key store and per stale serve; one per member of a key set
 * that was left out (a warning, or for a routine one an INFO line). A failed fetch is a warning:
 * the decision line says whether stale keys covered it or the request failed.
 *
 * @example
 * ```ts
 * createKeySource(config, { onEvent: (event) => logKeySourceEvent(log, event) });
 * ```
 */
export function logKeySourceEvent(log: Log, event: KeySourceEvent): void {
  if (event.type === 'key_left_out') {
    // Not a metric: it happens once per key set loaded, and the reason text is not a closed set. A member published
    // for something else (another algorithm, an encryption key) is routine in a provider's set: an INFO line, not
    // a warning at every cold start that no one can act on.
    log(event.routine ? 'INFO' : 'WARN', 'key left out', { source: event.source, detail: event.reason });
    return;
  }
  if (event.type === 'stale') {
    log(
      'WARN',
      'serving stale keys',
      { source: event.source, ageSeconds: event.ageSeconds, reason: event.code },
      { dimensions: BY_SOURCE, values: { staleKeyServes: { value: 1, unit: 'Count' } } },
    );
    return;
  }
  const keyFetchMs = Math.round(event.durationMs * 10) / 10;
  const metrics: LineMetrics = {
    dimensions: BY_SOURCE_AND_RESULT,
    values: { keyFetches: { value: 1, unit: 'Count' }, keyFetchMs: { value: keyFetchMs, unit: 'Milliseconds' } },
  };
  // keyFetchMs is written as the metric's value, once.
  if (event.ok) log('INFO', 'keys fetched', { source: event.source, result: 'ok' }, metrics);
  else log('WARN', 'key fetch failed', { source: event.source, result: 'error', reason: event.code }, metrics);
}
