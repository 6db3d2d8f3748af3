import {
  type AuthorizerPolicyResult,
  buildContext,
  buildPolicy,
  type Config,
  createTokenVerifier,
  extractBearerToken,
  type KeySource,
  policyResource,
} from '@jwt-authorizer/core';
import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';

/** What one request decided, with the facts the decision log records. */
export interface Decision {
  response: AuthorizerPolicyResult;
  principalId: string;
  kid: string | undefined;
  iss: string | undefined;
  /** Claims left out of the context because they did not fit its budget. */
  omittedClaims: string[];
}

/** An event this build does not handle. API Gateway never sends one to a correctly attached authorizer: 500. */
export class UnsupportedEventError extends Error {
  override readonly name = 'UnsupportedEventError';
  readonly code = 'unsupported_event';
}

/**
 * The authorization step: credential -> verified token -> context -> policy. Pure given its key source.
 *
 * @throws {TokenError} for every token problem; other errors mean the request could not be decided.
 * @example
 * ```ts
 * const authorize = createAuthorize(config, keySource);
 * const { response } = await authorize({ type: 'TOKEN', authorizationToken: 'Bearer eyJ...', methodArn });
 * ```
 */
export function createAuthorize(config: Config, keySource: KeySource) {
  // One verifier per container: it remembers verified tokens, re-checking exp and the key on every hit.
  const verify = createTokenVerifier(keySource, {
    algorithms: config.algorithms,
    issuer: config.issuer,
    audience: config.audience,
    clockToleranceSeconds: config.clockToleranceSeconds,
    requiredClaims: config.requiredClaims,
    principalClaim: config.principalClaim,
  });
  return async function authorize(event: APIGatewayTokenAuthorizerEvent): Promise<Decision> {
    if (event?.type !== 'TOKEN') {
      throw new UnsupportedEventError(`unsupported event type ${JSON.stringify(String(event?.type).slice(0, 32))}`);
    }
    // The ARN first: a request that cannot get a policy costs no signature verification.
    const resource = policyResource(config.policyResource, event.methodArn);
    const token = extractBearerToken(event.authorizationToken);
    const { principalId, claims, header } = await verify(token);
    const { context, omitted } = buildContext(claims, { claims: config.contextClaims });
    return {
      response: buildPolicy({ principalId, effect: 'Allow', resource, context }),
      principalId,
      kid: header.kid,
      iss: claims.iss,
      omittedClaims: omitted,
    };
  };
}
