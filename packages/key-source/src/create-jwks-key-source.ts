import { isSecureKeyUrl, type KeySource, KeySourceError } from '@jwt-authorizer/core';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  type FetchImplementation,
  type JSONWebKeySet,
  type JWKSCacheInput,
  type JWTVerifyGetKey,
  jwksCache,
} from 'jose';
import { toSelectionError } from './create-inline-key-source.js';
import { parseKeySet } from './parse-key-set.js';
import { readCappedText } from './read-capped-text.js';
import { REMOTE_KEY_SOURCE_DEFAULTS, type RemoteKeySourceOptions } from './remote-key-source-options.js';
import { reportFetch } from './report-fetch.js';

/** Options of {@link createJwksKeySource}. */
export interface JwksKeySourceOptions extends RemoteKeySourceOptions {
  /**
   * A token whose `kid` is unknown refetches the set at most once per this window (`JWKS_COOLDOWN_SECONDS`), so a
   * flood of made-up kids cannot become a flood of requests to the identity provider. Default 30.
   */
  cooldownSeconds?: number;
  /** The largest JWKS response accepted, in bytes. Default 512 KiB (real sets are a few KiB). */
  maxBytes?: number;
  /** Default: the global `fetch`. Tests and proxies inject their own. */
  fetch?: typeof fetch;
}

/**
 * A key source over a JWKS URL, built on jose's `createRemoteJWKSet`, which already shares one fetch among
 * concurrent callers, refreshes after `cacheMaxAge` and refetches for an unknown `kid` at most once per cooldown.
 * Added here, because jose lacks them: every fetched set is checked as inline keys are (no private, symmetric or
 * `enc` keys, RSA >= 2048) and capped in size; a failed refresh serves the last good set for a bounded time
 * (stale-if-error) and is not retried for `retryAfterFailureSeconds`, so an outage neither fails every request
 * nor sends every request to the identity provider. Redirects are never followed (jose asks fetch for
 * `redirect: 'manual'`; a 3xx is a failure).
 *
 * @throws {KeySourceError} `invalid_key_material` when `uri` is not https (plain http only for loopback hosts).
 * @example
 * ```ts
 * const keySource = createJwksKeySource(new URL('https://idp.example/.well-known/jwks.json'), { algorithms: ['RS256'] });
 * ```
 */
export function createJwksKeySource(uri: URL, options: JwksKeySourceOptions): KeySource {
  assertSafeUrl(uri);
  const settings = { ...REMOTE_KEY_SOURCE_DEFAULTS, cooldownSeconds: 30, maxBytes: 512 * 1024, ...options };
  const fetchImpl = options.fetch ?? fetch;
  const report = options.onEvent;

  // jose writes each good set and its time here; it is our view of the last good keys for stale-if-error.
  const cache: JWKSCacheInput = {};
  let failure: { error: KeySourceError; at: number } | undefined;
  let staleKeys: { uat: number; getKey: JWTVerifyGetKey } | undefined;

  const checkedFetch: FetchImplementation = (url, init) =>
    reportFetch(
      async () => {
        const response = await fetchImpl(url, init);
        if (response.status !== 200) {
          await response.body?.cancel();
          const redirect = response.status >= 300 && response.status < 400 ? '; redirects are not followed' : '';
          throw new KeySourceError(
            'key_source_unavailable',
            `the JWKS endpoint answered HTTP ${response.status}${redirect}`,
          );
        }
        const jwks = parseKeySet(await readCappedText(response, settings.maxBytes), settings);
        return Response.json(jwks);
      },
      { source: 'jwks', report, toError: toKeySourceError },
    );

  const remote = createRemoteJWKSet(uri, {
    cacheMaxAge: settings.cacheTtlSeconds * 1000,
    cooldownDuration: settings.cooldownSeconds * 1000,
    timeoutDuration: settings.timeoutMs,
    [jwksCache]: cache,
    [customFetch]: checkedFetch,
  });

  function serveStale(error: KeySourceError): JWTVerifyGetKey {
    const { uat, jwks } = cache as { uat?: number; jwks?: JSONWebKeySet };
    const age = uat === undefined ? undefined : Date.now() - uat;
    const bound = (settings.cacheTtlSeconds + settings.staleIfErrorSeconds) * 1000;
    if (uat === undefined || jwks === undefined || age === undefined || age >= bound) throw error;
    if (age >= settings.cacheTtlSeconds * 1000) {
      report?.({ type: 'stale', source: 'jwks', ageSeconds: Math.round(age / 1000), code: error.code });
    }
    if (staleKeys?.uat !== uat) staleKeys = { uat, getKey: createLocalJWKSet(jwks) };
    return staleKeys.getKey;
  }

  const getKey: JWTVerifyGetKey = async (header, token) => {
    try {
      if (failure && Date.now() - failure.at < settings.retryAfterFailureSeconds * 1000) {
        return await serveStale(failure.error)(header, token);
      }
      try {
        return await remote(header, token);
      } catch (error) {
        if (!(error instanceof KeySourceError)) throw error;
        failure = { error, at: Date.now() };
        return await serveStale(error)(header, token);
      }
    } catch (error) {
      throw toSelectionError(error);
    }
  };
  return { getKey };
}

function assertSafeUrl(uri: URL): void {
  if (isSecureKeyUrl(uri)) return;
  throw new KeySourceError('invalid_key_material', 'a JWKS URL must be https (plain http only for loopback hosts)');
}

function toKeySourceError(error: unknown): KeySourceError {
  if (error instanceof KeySourceError) return error;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new KeySourceError('key_source_timeout', 'the JWKS endpoint did not answer in time', { cause: error });
  }
  return new KeySourceError('key_source_unavailable', 'the JWKS endpoint could not be reached', { cause: error });
}
