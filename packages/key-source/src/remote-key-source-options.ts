import type { Algorithm, KeySourceErrorCode } from '@jwt-authorizer/core';
import type { RefresherOptions } from './create-refresher.js';

/** What a remote key source reports, for logs and metrics. Never holds a key. */
export type KeySourceEvent =
  /** One request to the key store (or for an OpenID discovery document), successful or not. */
  | { type: 'fetch'; source: 'ssm' | 'jwks' | 'discovery'; ok: true; durationMs: number }
  | { type: 'fetch'; source: 'ssm' | 'jwks' | 'discovery'; ok: false; durationMs: number; code: KeySourceErrorCode }
  /** A refresh failed and the last good keys verified the token instead. */
  | { type: 'stale'; source: 'ssm' | 'jwks'; ageSeconds: number; code: KeySourceErrorCode }
  /**
   * A member of the key set was left out (a weak RSA key, a key for another algorithm, ...); the others serve.
   * `routine` when it was published for something else (see ParseKeySetOptions.onLeftOut).
   */
  | { type: 'key_left_out'; source: 'inline' | 'ssm' | 'jwks'; reason: string; routine: boolean };

/** parseKeySet's `onLeftOut` for a source: each member left out becomes a `key_left_out` event of `source`. */
export const reportLeftOut =
  (source: 'inline' | 'ssm' | 'jwks', report: ((event: KeySourceEvent) => void) | undefined) =>
  (reason: string, routine: boolean) =>
    report?.({ type: 'key_left_out', source, reason, routine });

/** Options shared by the SSM and JWKS key sources. Every duration has a default chosen for a Lambda authorizer. */
export interface RemoteKeySourceOptions {
  /** The accepted algorithms: keys that can verify none of them are left out. */
  algorithms: readonly Algorithm[];
  /** How long fetched keys are trusted before a refresh (`KEY_CACHE_TTL_SECONDS`). Default 300. */
  cacheTtlSeconds?: number;
  /**
   * How long past the TTL the last good keys keep verifying while refreshes fail (`KEY_STALE_IF_ERROR_SECONDS`).
   * Default 3600: rides out an identity-provider or SSM outage of an hour; 0 fails closed at once.
   */
  staleIfErrorSeconds?: number;
  /** Abort a request to the key store after this long (`KEY_FETCH_TIMEOUT_MS`). Default 2000. */
  timeoutMs?: number;
  /**
   * After a failed request, wait this long before the next one; meanwhile the stale keys serve or the call fails
   * at once. Default 10: a down key store costs one request per 10 s, not one per invocation, each waiting for
   * the timeout.
   */
  retryAfterFailureSeconds?: number;
  /** Receives fetch and stale-serve events (the app logs them). */
  onEvent?: (event: KeySourceEvent) => void;
}

/** The defaults of {@link RemoteKeySourceOptions}, in seconds or milliseconds as named. */
export const REMOTE_KEY_SOURCE_DEFAULTS = {
  cacheTtlSeconds: 300,
  staleIfErrorSeconds: 3600,
  timeoutMs: 2000,
  retryAfterFailureSeconds: 10,
} as const;

/** The refresher of a remote key source with these settings: the durations in milliseconds, stale serves reported. */
export function remoteRefresherOptions(
  settings: Required<
    Pick<RemoteKeySourceOptions, 'cacheTtlSeconds' | 'staleIfErrorSeconds' | 'retryAfterFailureSeconds'>
  > &
    Pick<RemoteKeySourceOptions, 'onEvent'>,
  source: 'ssm' | 'jwks',
): RefresherOptions {
  return {
    ttlMs: settings.cacheTtlSeconds * 1000,
    staleIfErrorMs: settings.staleIfErrorSeconds * 1000,
    retryAfterFailureMs: settings.retryAfterFailureSeconds * 1000,
    onStale: (ageMs, error) =>
      settings.onEvent?.({ type: 'stale', source, ageSeconds: Math.round(ageMs / 1000), code: error.code }),
  };
}
