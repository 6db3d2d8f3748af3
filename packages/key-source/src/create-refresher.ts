import { KeySourceError } from '@jwt-authorizer/core';

/** Options of {@link createRefresher}; all durations in milliseconds. */
export interface RefresherOptions {
  ttlMs: number;
  staleIfErrorMs: number;
  retryAfterFailureMs: number;
  /** Called when the stale value is served because `error` prevented a refresh. */
  onStale?: (ageMs: number, error: KeySourceError) => void;
}

/** A value that is loaded on demand and refreshed after a TTL; see {@link createRefresher}. */
export interface Refresher<T> {
  get(): Promise<T>;
}

/**
 * Keeps the result of `load` for `ttlMs`; concurrent callers share one load; when a refresh fails, the last good
 * value keeps serving until `ttlMs + staleIfErrorMs` after it was loaded, and no new load starts for
 * `retryAfterFailureMs`. With no good value the failure is thrown: callers fail closed.
 *
 * Hand-written because the SSM client has no cache, and the caches that wrap it (Middy's ssm middleware,
 * Powertools parameters) serve nothing when a refresh fails. The JWKS source uses jose's own cache instead.
 *
 * @example
 * ```ts
 * const keys = createRefresher(loadKeys, { ttlMs: 300_000, staleIfErrorMs: 3_600_000, retryAfterFailureMs: 10_000 });
 * const jwks = await keys.get();
 * ```
 */
export function createRefresher<T>(load: () => Promise<T>, options: RefresherOptions): Refresher<T> {
  let current: { value: T; at: number } | undefined;
  let failure: { error: KeySourceError; at: number } | undefined;
  let pending: Promise<T> | undefined;

  function stale(error: KeySourceError): T {
    const age = current === undefined ? undefined : Date.now() - current.at;
    if (current === undefined || age === undefined || age >= options.ttlMs + options.staleIfErrorMs) throw error;
    options.onStale?.(age, error);
    return current.value;
  }

  function refresh(): Promise<T> {
    pending ??= load()
      .then(
        (value) => {
          current = { value, at: Date.now() };
          failure = undefined;
          return value;
        },
        (error: unknown) => {
          const keySourceError =
            error instanceof KeySourceError
              ? error
              : new KeySourceError('key_source_unavailable', 'loading keys failed', { cause: error });
          failure = { error: keySourceError, at: Date.now() };
          throw keySourceError;
        },
      )
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }

  return {
    async get() {
      const now = Date.now();
      if (current && now - current.at < options.ttlMs) return current.value;
      if (failure && now - failure.at < options.retryAfterFailureMs) return stale(failure.error);
      try {
        return await refresh();
      } catch (error) {
        return stale(error as KeySourceError);
      }
    },
  };
}
