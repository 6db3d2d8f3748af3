import type { TokenRequest, TokenSource } from '@jwt-authorizer/core';
import type { AuthorizerRequest } from './read-event.js';

/** Where a request's token is looked for, and which of the configured sources apply to it. */
export interface TokenCarrier {
  carrier: TokenRequest;
  sources: readonly TokenSource[];
}

/**
 * The request shape core's `extractToken` reads, and the sources to read it with. A TOKEN event carries one value,
 * `authorizationToken`: the header its identity source names, which is the first header of `TOKEN_SOURCES` (the
 * CDK construct derives the identity source from it), so that header alone is read, with its own rules
 * (`Bearer` for `Authorization`, the bare JWT for another). Every other event carries its whole request.
 * `checkEventFits` has refused a TOKEN event when `TOKEN_SOURCES` names no header.
 *
 * @example
 * ```ts
 * const { carrier, sources } = tokenCarrier(readEvent(event), config.request.tokenSources);
 * extractToken(carrier, { sources });
 * ```
 */
export function tokenCarrier(request: AuthorizerRequest, tokenSources: readonly TokenSource[]): TokenCarrier {
  if (request.format !== 'rest-token') return { carrier: request.carrier ?? {}, sources: tokenSources };
  const header = tokenSources.find((source) => source.kind === 'header');
  if (!header) return { carrier: {}, sources: [] };
  return { carrier: { headers: { [header.name]: request.authorizationToken } }, sources: [header] };
}
