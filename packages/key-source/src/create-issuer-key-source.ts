import { isSecureKeyUrl, type KeySource, KeySourceError, TokenError } from '@jwt-authorizer/core';
import type { FlattenedJWSInput } from 'jose';
import { createJwksKeySource, type JwksKeySourceOptions } from './create-jwks-key-source.js';
import { createRefresher, type Refresher } from './create-refresher.js';
import { httpGet } from './http-get.js';
import { REMOTE_KEY_SOURCE_DEFAULTS } from './remote-key-source-options.js';
import { reportFetch } from './report-fetch.js';

/** Options of {@link createIssuerKeySource}: those of each issuer's JWKS source. */
export type IssuerKeySourceOptions = JwksKeySourceOptions;

const MAX_DISCOVERY_BYTES = 64 * 1024;

/**
 * A key source for one or several OpenID issuers, each with its own keys: the issuer is chosen from the token's
 * unverified `iss` before any network call (a token naming another issuer is refused without a fetch), then that
 * issuer's discovery document (`{iss}/.well-known/openid-configuration`, OpenID Connect Discovery 1.0 §4) gives
 * its `jwks_uri`, served by {@link createJwksKeySource}. The signature is still verified with that issuer's keys,
 * and `iss` checked again after it. Discovery documents are fetched once per issuer and container, each request
 * reported to `onEvent` as a `fetch` of source `discovery`; `prefetch` fetches every issuer's document and keys at
 * once.
 *
 * @throws {KeySourceError} `invalid_key_material` when an issuer is not an https URL (plain http only for loopback).
 * @example
 * ```ts
 * const keySource = createIssuerKeySource(['https://idp.example/'], { algorithms: ['RS256'] });
 * ```
 */
export function createIssuerKeySource(issuers: readonly string[], options: IssuerKeySourceOptions): KeySource {
  for (const issuer of issuers) {
    if (!URL.canParse(issuer) || !isSecureKeyUrl(new URL(issuer))) {
      throw new KeySourceError('invalid_key_material', `issuer ${issuer} must be an https URL to discover its keys`);
    }
  }
  const settings = { ...REMOTE_KEY_SOURCE_DEFAULTS, ...options };
  const get = httpGet(options.fetch);
  const discovered = new Map<string, Refresher<KeySource>>();

  // The document's request is reported as a fetch of its own (`discovery`), as the JWKS it names is (`jwks`), so
  // that a discovery failing at init is logged then, not at the issuer's first token. readDocument throws
  // KeySourceErrors alone (createJwksKeySource's too): each is reported and thrown as it is.
  const asIs = (error: unknown) => error as KeySourceError;
  const discover = (issuer: string) =>
    reportFetch(() => readDocument(issuer), { source: 'discovery', report: options.onEvent, toError: asIs });

  async function readDocument(issuer: string): Promise<KeySource> {
    const url = new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    let document: unknown;
    try {
      const { status, text } = await get(url, { timeoutMs: settings.timeoutMs, maxBytes: MAX_DISCOVERY_BYTES });
      if (text === undefined) {
        throw new KeySourceError('key_source_unavailable', `discovery for ${issuer} answered HTTP ${status}`);
      }
      document = JSON.parse(text);
    } catch (error) {
      if (error instanceof KeySourceError) throw error;
      const timeout = error instanceof Error && error.name === 'TimeoutError';
      throw new KeySourceError(
        timeout ? 'key_source_timeout' : 'key_source_unavailable',
        `discovery for ${issuer} failed${timeout ? ': timeout' : ''}`,
        { cause: error },
      );
    }
    const { issuer: named, jwks_uri: jwksUri } = (document ?? {}) as { issuer?: unknown; jwks_uri?: unknown };
    // OpenID Connect Discovery 1.0 §4.3: the document's issuer must be exactly the one it was fetched for.
    if (named !== issuer || typeof jwksUri !== 'string' || !URL.canParse(jwksUri)) {
      throw new KeySourceError('invalid_key_material', `discovery for ${issuer} names another issuer or no jwks_uri`);
    }
    return createJwksKeySource(new URL(jwksUri), options);
  }

  function sourceFor(issuer: string): Refresher<KeySource> {
    let source = discovered.get(issuer);
    if (!source) {
      source = createRefresher(() => discover(issuer), {
        ttlMs: Number.POSITIVE_INFINITY,
        staleIfErrorMs: 0,
        retryAfterFailureMs: settings.retryAfterFailureSeconds * 1000,
      });
      discovered.set(issuer, source);
    }
    return source;
  }

  return {
    getKey: async (header, token) => {
      const issuer = unverifiedIssuer(token);
      if (issuer === undefined || !issuers.includes(issuer)) {
        throw new TokenError('wrong_issuer', 'the token\'s "iss" is not a configured issuer; no keys were fetched');
      }
      return (await sourceFor(issuer).get()).getKey(header, token);
    },
    // Every issuer's discovery document, then its keys; a failure of either is left to the issuer's first token.
    prefetch: async () => {
      const each = (issuer: string) =>
        sourceFor(issuer)
          .get()
          .then(
            (source) => source.prefetch?.(),
            () => undefined,
          );
      await Promise.all(issuers.map(each));
    },
  };
}

function unverifiedIssuer(token: FlattenedJWSInput | undefined): string | undefined {
  if (typeof token?.payload !== 'string') return undefined;
  try {
    const { iss } = JSON.parse(Buffer.from(token.payload, 'base64url').toString('utf8')) as { iss?: unknown };
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}
