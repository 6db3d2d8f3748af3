import { isSecureKeyUrl, type KeySource, KeySourceError, keySelectionError } from '@jwt-authorizer/core';
import type { JWTVerifyGetKey } from 'jose';
import { JWKSNoMatchingKey } from 'jose/errors';
import { createKeySelector, type KeySelector } from './create-key-selector.js';
import { createRefresher, prefetchOf } from './create-refresher.js';
import { httpGet } from './http-get.js';
import { parseKeySet } from './parse-key-set.js';
import {
  REMOTE_KEY_SOURCE_DEFAULTS,
  type RemoteKeySourceOptions,
  remoteRefresherOptions,
  reportLeftOut,
} from './remote-key-source-options.js';
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
  /**
   * Fetch the set through this `fetch` instead of `node:https` (tests, proxies). Default: `node:http(s)`, which
   * loads far faster at cold start than the global fetch's client.
   */
  fetch?: typeof fetch;
}

/**
 * A key source over a JWKS URL. The set is fetched on first use (or by `prefetch`) and kept by the remote
 * sources' one cache (`createRefresher`: TTL, one request for concurrent callers, stale-if-error, back-off); a
 * token whose `kid` is not in the set refetches it at most once per cooldown, as jose's `createRemoteJWKSet` does.
 * Every fetched set is checked as inline keys are (no private, symmetric or `enc` keys, no weak RSA key) and capped
 * in size; redirects are never followed (a 3xx is a failure). Keys are selected by jose's rules (`createKeySelector`).
 *
 * @throws {KeySourceError} `invalid_key_material` when `uri` is not https (plain http only for loopback hosts).
 * @example
 * ```ts
 * const keySource = createJwksKeySource(new URL('https://idp.example/.well-known/jwks.json'), { algorithms: ['RS256'] });
 * ```
 */
export function createJwksKeySource(uri: URL, options: JwksKeySourceOptions): KeySource {
  if (!isSecureKeyUrl(uri)) {
    throw new KeySourceError('invalid_key_material', 'a JWKS URL must be https (plain http only for loopback hosts)');
  }
  const settings = { ...REMOTE_KEY_SOURCE_DEFAULTS, cooldownSeconds: 30, maxBytes: 512 * 1024, ...options };
  const get = httpGet(options.fetch);
  const report = options.onEvent;
  const onLeftOut = reportLeftOut('jwks', report);

  const fetchKeys = () =>
    reportFetch(
      async (): Promise<KeySelector> => {
        const { status, text } = await get(uri, { timeoutMs: settings.timeoutMs, maxBytes: settings.maxBytes });
        if (text === undefined) {
          const redirect = status >= 300 && status < 400 ? '; redirects are not followed' : '';
          throw new KeySourceError('key_source_unavailable', `the JWKS endpoint answered HTTP ${status}${redirect}`);
        }
        return createKeySelector(parseKeySet(text, { algorithms: settings.algorithms, onLeftOut }));
      },
      { source: 'jwks', report, toError: toKeySourceError },
    );

  const keys = createRefresher(fetchKeys, remoteRefresherOptions(settings, 'jwks'));

  const load = async (header: Parameters<JWTVerifyGetKey>[0]) => {
    try {
      try {
        return (await keys.get())(header);
      } catch (error) {
        // A kid the set lacks may have just been published: refetch, unless the set is younger than the cooldown.
        if (!(error instanceof JWKSNoMatchingKey)) throw error;
        return (await keys.refresh(settings.cooldownSeconds * 1000))(header);
      }
    } catch (error) {
      throw keySelectionError(error);
    }
  };
  // The path of nearly every request, a fresh set holding the token's key, answers synchronously: no promise for
  // the caller to await. Anything else (no set yet, a stale set, a kid the set lacks) takes the path above.
  const getKey: JWTVerifyGetKey = (header) => {
    const select = keys.fresh();
    if (select !== undefined) {
      try {
        return select(header);
      } catch (error) {
        if (!(error instanceof JWKSNoMatchingKey)) throw keySelectionError(error);
      }
    }
    return load(header);
  };
  return { getKey, prefetch: prefetchOf(keys) };
}

function toKeySourceError(error: unknown): KeySourceError {
  if (error instanceof KeySourceError) return error;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new KeySourceError('key_source_timeout', 'the JWKS endpoint did not answer in time', { cause: error });
  }
  return new KeySourceError('key_source_unavailable', 'the JWKS endpoint could not be reached', { cause: error });
}
