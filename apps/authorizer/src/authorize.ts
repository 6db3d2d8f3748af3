import {
  AUTHORIZER_RESPONSE_LIMIT_BYTES,
  type AuthorizerPolicyResult,
  type AuthorizerSimpleResult,
  buildContext,
  buildPolicy,
  type Config,
  createTokenVerifier,
  DEFAULT_CONTEXT_BUDGET_BYTES,
  extractBearerToken,
  type KeySource,
  matchResource,
  policyResource,
  routeResources,
  tokenScopes,
  verifyOptionsOf,
} from '@jwt-authorizer/core';
import { type AuthorizerEvent, type EventFormat, readEvent } from './events/read-event.js';

/** What one request decided, with the facts the decision log records. */
export interface Decision {
  response: AuthorizerPolicyResult | AuthorizerSimpleResult;
  /** `deny`: a valid token that no route rule permits here (API Gateway answers 403). */
  outcome: 'allow' | 'deny';
  format: EventFormat;
  principalId: string;
  kid: string | undefined;
  iss: string | undefined;
  /** Claims left out of the context because they did not fit its budget. */
  omittedClaims: string[];
  /** Whether the response lets this very request through (an Allow listing only other routes is a 403 here). */
  coversRequest: boolean;
}

// Bytes of a policy response other than its resources, principal and context (keys, Version, Action, Effect).
const ENVELOPE_BYTES = 512;

/**
 * The authorization step: event -> credential -> verified token -> context -> response in the event's format.
 * Pure given its key source.
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
  const verify = createTokenVerifier(keySource, verifyOptionsOf(config));
  const { routeScopes } = config;
  // A remembered token returns the same claims object, so its context is built once (claims are read-only).
  const contexts = new WeakMap<object, { budgetBytes: number; built: ReturnType<typeof buildContext> }>();
  const contextOf = (claims: Readonly<Record<string, unknown>>, budgetBytes: number) => {
    let entry = contexts.get(claims);
    if (entry?.budgetBytes !== budgetBytes) {
      entry = { budgetBytes, built: buildContext(claims, { claims: config.contextClaims, budgetBytes }) };
      contexts.set(claims, entry);
    }
    return entry.built;
  };
  return async function authorize(event: AuthorizerEvent): Promise<Decision> {
    const { format, credential, arn } = readEvent(event);
    // The ARN first: a request that cannot get a policy costs no signature verification.
    const stage = policyResource(config.policyResource, arn);
    const token = extractBearerToken(credential);
    const { principalId, claims, header } = await verify(token);
    const resources = routeScopes ? routeResources(routeScopes, tokenScopes(claims), arn) : [stage];
    const simple = format === 'http-2.0' && config.httpApiResponse === 'simple';
    const coversRequest = resources.some((resource) => matchResource(resource, arn));
    // A simple response carries no policy: it answers for this route, exactly as the policy would.
    const allowed = simple ? coversRequest : resources.length > 0;
    const facts = {
      format,
      coversRequest,
      principalId,
      kid: header.kid,
      iss: claims.iss,
      outcome: allowed ? 'allow' : 'deny',
    } as const;
    if (!allowed) {
      const response = simple ? { isAuthorized: false } : buildPolicy({ principalId, effect: 'Deny', resource: stage });
      return { ...facts, response, omittedClaims: [] };
    }
    const { context, omitted } = contextOf(
      claims,
      simple ? DEFAULT_CONTEXT_BUDGET_BYTES : contextBudget(principalId, resources),
    );
    const response = simple
      ? { isAuthorized: true, context }
      : buildPolicy({
          principalId,
          effect: 'Allow',
          resource: resources.length === 1 ? (resources[0] as string) : resources,
          context,
        });
    return { ...facts, response, omittedClaims: omitted };
  };
}

/** What is left of API Gateway's 8 KiB for the context, once the principal and a route policy are counted. */
function contextBudget(principalId: string, resources: readonly string[]): number {
  const used =
    ENVELOPE_BYTES + Buffer.byteLength(JSON.stringify(principalId)) + Buffer.byteLength(JSON.stringify(resources));
  return Math.max(0, Math.min(DEFAULT_CONTEXT_BUDGET_BYTES, AUTHORIZER_RESPONSE_LIMIT_BYTES - used));
}
