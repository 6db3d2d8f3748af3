import { ConfigError, formatTokenSource } from '@jwt-authorizer/core';
import type { RequestConfig } from './parse-config.js';

/** The kind of API Gateway authorizer: REST `TOKEN`, or `REQUEST` (REST, HTTP API, WebSocket API). */
export type AuthorizerType = 'token' | 'request';

/** A request parameter API Gateway reads before it invokes the authorizer: a header or a query parameter. */
export interface IdentitySource {
  readonly in: 'header' | 'query';
  readonly name: string;
}

/** What API Gateway must be told for a configuration's token sources; see {@link identitySourcePlan}. */
export interface IdentitySourcePlan {
  /**
   * The identity sources: API Gateway answers 401 without invoking the function unless every one is present and
   * non-empty, and caches the function's result by their values.
   */
  identitySources: IdentitySource[];
  /** Why the authorizer's result cache must be off (TTL 0), when it must; absent when caching is safe. */
  uncacheable?: string;
}

/**
 * The identity sources an API Gateway authorizer needs for `TOKEN_SOURCES`, and whether its result cache may be on:
 * the one derivation the CDK construct deploys and the local gateway emulates.
 * - A TOKEN authorizer reads exactly one header (its `authorizationToken`): `TOKEN_SOURCES` must be one header.
 * - A REQUEST authorizer with one source takes it as its identity source; a cookie's is the whole `Cookie` header
 *   (API Gateway has no cookie identity source), so the cache is keyed by every cookie the client sends.
 * - With several sources none is an identity source: API Gateway would answer 401 unless all were present, where
 *   the first present one is enough. With no identity source there is no cache key, so the cache is off.
 * - `CLIENT_CERT_BINDING=required`: the cache is off. Its key would not change with the certificate, so a token
 *   replayed with another certificate would get the cached Allow of the right one.
 *
 * @throws {ConfigError} when the settings contradict the authorizer type: a TOKEN authorizer for anything but one
 * header, or for certificate binding (TOKEN events carry no certificate).
 * @example
 * ```ts
 * identitySourcePlan(parseConfig(env).request, 'request'); // { identitySources: [{ in: 'query', name: 'token' }] }
 * ```
 */
export function identitySourcePlan(request: RequestConfig, type: AuthorizerType): IdentitySourcePlan {
  const { tokenSources, clientCertBinding } = request;
  const [first] = tokenSources;
  if (type === 'token') {
    if (tokenSources.length !== 1 || first?.kind !== 'header') {
      throw new ConfigError(
        'invalid_value',
        'TOKEN_SOURCES',
        `a TOKEN authorizer reads one header, and "${tokenSources.map(formatTokenSource).join(',')}" is not one header: use a REQUEST authorizer`,
      );
    }
    if (clientCertBinding === 'required') {
      throw new ConfigError(
        'invalid_value',
        'CLIENT_CERT_BINDING',
        'a TOKEN authorizer is given no client certificate: use a REQUEST authorizer',
      );
    }
    return { identitySources: [{ in: 'header', name: first.name }] };
  }
  const identitySources: IdentitySource[] =
    tokenSources.length !== 1 || first === undefined
      ? []
      : [first.kind === 'cookie' ? { in: 'header', name: 'Cookie' } : { in: first.kind, name: first.name }];
  const uncacheable =
    clientCertBinding === 'required'
      ? 'CLIENT_CERT_BINDING=required: the cache key does not change with the certificate, so a token replayed with another certificate would get the cached answer'
      : identitySources.length === 0
        ? 'TOKEN_SOURCES names several sources: none can be an identity source (API Gateway answers 401 unless every one is present), and without one there is no cache key'
        : undefined;
  return { identitySources, ...(uncacheable && { uncacheable }) };
}
