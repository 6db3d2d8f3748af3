import type { Config } from '@jwt-authorizer/config';
import {
  type AuthorizerPolicyResult,
  type AuthorizerSimpleResult,
  buildContext,
  buildPolicy,
  checkCertificateBinding,
  contextBudget,
  createTokenVerifier,
  DEFAULT_CONTEXT_BUDGET_BYTES,
  extractBearerToken,
  extractToken,
  formatTokenSource,
  isAuthorizationHeader,
  type KeySource,
  policyResource,
  type VerifiedToken,
} from '@jwt-authorizer/core';
import type { DecisionFacts } from './decision-facts.js';
import { checkEventFits } from './events/check-event-fits.js';
import { type AuthorizerEvent, type AuthorizerRequest, readEvent } from './events/read-event.js';
import { tokenCarrier } from './events/token-carrier.js';
import { createRouteAccess } from './route-access.js';

/** What the authorizer answers API Gateway with. */
export type AuthorizerResponse = AuthorizerPolicyResult | AuthorizerSimpleResult;

/** The authorization step; see {@link createAuthorize}. */
export type Authorize = (event: AuthorizerEvent, facts: DecisionFacts) => Promise<AuthorizerResponse>;

/**
 * The authorization step: event -> token (from the first of `TOKEN_SOURCES` present) -> verified token -> bound to
 * the client certificate, when that is required -> context -> the response in the event's format. Pure given its
 * key source. What it learns on the way (format, source, principal, `kid`, `iss`, outcome, ...) it records in
 * `facts`, for the decision log.
 *
 * @throws {TokenError} for every token problem; other errors mean the request could not be decided.
 * @example
 * ```ts
 * const authorize = createAuthorize(config, keySource);
 * const response = await authorize({ type: 'TOKEN', authorizationToken: 'Bearer eyJ...', methodArn }, {});
 * ```
 */
export function createAuthorize(config: Config, keySource: KeySource): Authorize {
  // One verifier per container: it remembers verified tokens, re-checking exp and the key on every hit.
  const verify = createTokenVerifier(keySource, config.verify);
  const { contextClaims, httpApiResponse } = config.response;
  const { tokenSources, clientCertBinding } = config.request;
  const access = createRouteAccess(config.response);
  const stageOf = memoizeByArn((arn) => policyResource(config.response.policyResource, arn));
  // A TOKEN event's value is its first header source; when that is Authorization (the default), it is read as
  // extractToken would read it, without building the request shape extractToken takes (this runs on every request).
  const header = tokenSources.find((source) => source.kind === 'header');
  const bearerHeader = header !== undefined && isAuthorizationHeader(header) ? header : undefined;
  const readToken = (request: AuthorizerRequest) => {
    if (request.format === 'rest-token' && bearerHeader !== undefined) {
      return { token: extractBearerToken(request.authorizationToken), source: bearerHeader };
    }
    const { carrier, sources } = tokenCarrier(request, tokenSources);
    return extractToken(carrier, { sources });
  };
  const labels = new Map(tokenSources.map((source) => [source, formatTokenSource(source)]));
  // The verifier returns the very same VerifiedToken for a remembered token (its contract), so the context of a
  // token is built once for the resources it is answered with (they set its budget). The claims are read-only.
  type Built = ReturnType<typeof buildContext>;
  const contexts = new WeakMap<VerifiedToken, { resources: string; usage: string | undefined; built: Built }>();
  const contextOf = (
    token: string,
    verified: VerifiedToken,
    simple: boolean,
    resources: string[],
    usage: string | undefined,
  ) => {
    const key = simple ? '' : resources.length === 1 ? (resources[0] as string) : resources.join('\n');
    let entry = contexts.get(verified);
    if (entry?.resources !== key || entry.usage !== usage) {
      const { principalId, claims } = verified;
      const budgetBytes = simple ? DEFAULT_CONTEXT_BUDGET_BYTES : contextBudget(principalId, resources, usage);
      entry = { resources: key, usage, built: buildContext(claims, { claims: contextClaims, budgetBytes }) };
      // Only a remembered token comes back as this object: a WeakMap entry for any other is cost without use.
      if (verify.remembers(token)) contexts.set(verified, entry);
    }
    return entry.built;
  };

  return async function authorize(event, facts) {
    const request = readEvent(event);
    const { format, arn } = request;
    facts.format = format;
    checkEventFits(format, config);
    // The ARN first: a request that cannot get a policy costs no signature verification.
    const stage = stageOf(arn);
    const { token, source } = readToken(request);
    facts.tokenSource = labels.get(source) ?? formatTokenSource(source);
    facts.token = token;
    const verified = await verify(token);
    const { principalId, claims, header, usageIdentifier } = verified;
    facts.principalId = principalId;
    facts.kid = header.kid;
    facts.iss = claims.iss;
    // Per request, after the signature: the verifier remembers tokens, but the certificate is the request's own.
    if (clientCertBinding === 'required') checkCertificateBinding(claims, request.clientCertPem);
    const { resources, coversRequest, rule } = access(verified, arn, stage);
    const simple = format === 'http-2.0' && httpApiResponse === 'simple';
    facts.coversRequest = coversRequest;
    if (rule !== undefined) facts.rule = rule;
    // A simple response carries no policy: it answers for this route, exactly as the policy would.
    const allowed = simple ? facts.coversRequest : resources.length > 0;
    facts.outcome = allowed ? 'allow' : 'deny';
    if (!allowed)
      return simple ? { isAuthorized: false } : buildPolicy({ principalId, effect: 'Deny', resource: stage });
    // Only REST APIs have usage plans; HTTP and WebSocket APIs are answered without the key.
    const usageIdentifierKey = format === 'rest-token' || format === 'rest-request' ? usageIdentifier : undefined;
    const { context, omitted } = contextOf(token, verified, simple, resources, usageIdentifierKey);
    if (omitted.length > 0) facts.omittedClaims = omitted;
    if (simple) return { isAuthorized: true, context };
    return buildPolicy({
      principalId,
      effect: 'Allow',
      resource: resources.length === 1 ? (resources[0] as string) : resources,
      context,
      usageIdentifierKey,
    });
  };
}

/**
 * `derive(arn)` remembered for the last ARNs seen: a container answers the same few routes over and over, and
 * parsing an execute-api ARN is a regular expression over all of it. Bounded: the oldest half is dropped when full.
 */
function memoizeByArn<T>(derive: (arn: string) => T, size = 256): (arn: string) => T {
  const known = new Map<string, T>();
  return (arn) => {
    let value = known.get(arn);
    if (value === undefined) {
      value = derive(arn);
      if (known.size >= size) for (const old of [...known.keys()].slice(0, size / 2)) known.delete(old);
      known.set(arn, value);
    }
    return value;
  };
}
