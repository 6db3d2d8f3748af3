import { KeySourceError } from '@jwt-authorizer/core';

/** Options of {@link createRefresher}; all durations in milliseconds. */
export interface RefresherOptions {
  ttlMs: number;
  staleIfErrorMs: number;
  retryAfterFailureMs: number;
  /** Called when a value older than `ttlMs` is served because `error` prevented a refresh. */
  onStale?: (ageMs: number, error: KeySourceError) => void;
}

/** A value that is loaded on demand and refreshed after a TTL; see {@link createRefresher}. */
export interface Refresher<T> {
  /** The value: fresh (younger than the TTL), else loaded again; see {@link createRefresher} for failures. */
  get(): Promise<T>;
  /**
   * Loads again now unless the value is younger than `minAgeMs` (a JWKS refetch for an unknown `kid`, at most once
   * per cooldown); the same failure handling as {@link Refresher.get}.
   */
  refresh(minAgeMs: number): Promise<T>;
  /**
   * The value if it is fresh, synchronously, else undefined (then {@link Refresher.get} loads it): what `get` would
   * resolve to at once, without a promise, on the path every request takes.
   */
  fresh(): T | undefined;
}

/**
 * The one cache of the remote key sources (SSM, JWKS, discovery documents): keeps the result of `load` for
 * `ttlMs`; concurrent callers share one load; when a load fails, the last good value keeps serving until
 * `ttlMs + staleIfErrorMs` after it was loaded (stale-if-error), and no new load starts for
 * `retryAfterFailureMs` (back-off). With no good value the failure is thrown: callers fail closed.
 *
 * Hand-written because neither the SSM client nor jose's remote JWKS has all of it: the SDK has no cache, the
 * caches that wrap it (Middy's ssm middleware, Powertools parameters) serve nothing when a refresh fails, and
 * jose's `createRemoteJWKSet` retries on every call during an outage, each call waiting for the timeout.
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
    if (current === undefined) throw error;
    const age = Date.now() - current.at;
    if (age >= options.ttlMs + options.staleIfErrorMs) throw error;
    if (age >= options.ttlMs) options.onStale?.(age, error);
    return current.value;
  }

  function loadOnce(): Promise<T> {
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

  async function refresh(minAgeMs: number): Promise<T> {
    const now = Date.now();
    if (current && now - current.at < minAgeMs) return current.value;
    if (failure && now - failure.at < options.retryAfterFailureMs) return stale(failure.error);
    try {
      return await loadOnce();
    } catch (error) {
      return stale(error as KeySourceError);
    }
  }

  const fresh = () => (current !== undefined && Date.now() - current.at < options.ttlMs ? current.value : undefined);
  return { get: () => refresh(options.ttlMs), refresh, fresh };
}

const ignore = () => undefined;

/**
 * A remote source's `KeySource.prefetch`: loads `refresher`'s value now, through the same cache, and resolves
 * whatever comes of it; a failure was reported by the load and is answered by the next `get`.
 */
export const prefetchOf = (refresher: Refresher<unknown>) => () => refresher.get().then(ignore, ignore);
