/** API Gateway's authorizer result cache, keyed by the identity source's value. */
export interface ResultCache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
}

/**
 * A cache that keeps each result for `ttlSeconds` (0: nothing is kept), as API Gateway's authorizer cache does:
 * per identity source, reused on every route of the API.
 *
 * @example
 * ```ts
 * const cache = createResultCache<unknown>(300); cache.set(authorization, response);
 * ```
 */
export function createResultCache<T>(ttlSeconds: number, now: () => number = Date.now): ResultCache<T> {
  const entries = new Map<string, { value: T; expires: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry && entry.expires > now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set(key, value) {
      if (ttlSeconds > 0) entries.set(key, { value, expires: now() + ttlSeconds * 1000 });
    },
  };
}
