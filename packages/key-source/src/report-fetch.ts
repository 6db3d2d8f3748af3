import type { KeySourceError } from '@jwt-authorizer/core';
import type { KeySourceEvent } from './remote-key-source-options.js';

/** What {@link reportFetch} needs to know about the source it reports for. */
export interface ReportFetchOptions {
  source: 'ssm' | 'jwks' | 'discovery';
  report: ((event: KeySourceEvent) => void) | undefined;
  /** Turns whatever the attempt threw into the error the source reports and throws. */
  toError: (error: unknown) => KeySourceError;
}

/**
 * Runs one request to the key store, timing it and reporting it as a `fetch` event, successful or not, with the
 * code of the `KeySourceError` a failure becomes. Shared by the SSM and JWKS sources.
 *
 * @throws {KeySourceError} the attempt's failure, as `toError` maps it.
 * @example
 * ```ts
 * const jwks = await reportFetch(() => download(url), { source: 'jwks', report: onEvent, toError });
 * ```
 */
export async function reportFetch<T>(attempt: () => Promise<T>, options: ReportFetchOptions): Promise<T> {
  const { source, report } = options;
  // Not performance.now(): the global loads node:perf_hooks on first use, about 1.5 ms of the cold start whose first
  // request this usually is.
  const started = process.hrtime.bigint();
  const elapsedMs = () => Number(process.hrtime.bigint() - started) / 1e6;
  try {
    const result = await attempt();
    report?.({ type: 'fetch', source, ok: true, durationMs: elapsedMs() });
    return result;
  } catch (error) {
    const failure = options.toError(error);
    report?.({ type: 'fetch', source, ok: false, durationMs: elapsedMs(), code: failure.code });
    throw failure;
  }
}
