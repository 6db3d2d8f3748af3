import type { ResponseConfig } from '@jwt-authorizer/config';
import {
  decideRoute,
  evaluateRoutes,
  matchResource,
  type PermittedRoute,
  parseMethodArn,
  routeResources,
  type VerifiedToken,
} from '@jwt-authorizer/core';

/** What the configuration lets one request reach. */
export interface RouteAccess {
  /** The resources of an Allow policy: the stage's, or every route the rules permit the token; empty: Deny. */
  resources: string[];
  /** Whether this very request is permitted (an Allow listing only other routes is a 403 here). */
  coversRequest: boolean;
  /** With route rules: the rule, as written, that permits this very request. */
  rule?: string;
}

/** See {@link createRouteAccess}. */
export type DecideAccess = (verified: VerifiedToken, arn: string, stageResource: string) => RouteAccess;

/**
 * Decides what a verified token may reach, once the configuration is read. Without route rules, the configured
 * resource (`POLICY_RESOURCE`). With `ROUTE_RULES` / `ROUTE_SCOPES`, every route the token's claims permit on the
 * calling stage, placeholders substituted, so that API Gateway's result cache (per token, across routes) stays
 * right on every route; and this request decided by the same rules with core's `decideRoute`, which answers HTTP
 * API simple responses and names the rule for the decision log.
 *
 * @example
 * ```ts
 * const access = createRouteAccess(config.response);
 * const { resources, coversRequest, rule } = access(verified, arn, policyResource('stage', arn));
 * ```
 */
export function createRouteAccess({
  routeRules,
  policyResource,
}: Pick<ResponseConfig, 'routeRules'> & Partial<Pick<ResponseConfig, 'policyResource'>>): DecideAccess {
  if (!routeRules) {
    // `stage` and `method` resources are made from this very ARN, so they cover it; a literal pattern may not.
    const fromArn = policyResource === 'stage' || policyResource === 'method';
    return (_verified, arn, stageResource) => ({
      resources: [stageResource],
      coversRequest: fromArn || matchResource(stageResource, arn),
    });
  }
  // The routes depend on the claims alone: evaluated once per remembered token (the verifier returns the same
  // VerifiedToken for a token it has seen; its claims are read-only).
  const routes = new WeakMap<VerifiedToken, PermittedRoute[]>();
  return (verified, arn) => {
    let permitted = routes.get(verified);
    if (!permitted) {
      permitted = evaluateRoutes(routeRules, verified.claims);
      routes.set(verified, permitted);
    }
    const { method, resourcePath } = parseMethodArn(arn);
    const decision = decideRoute(routeRules, verified.claims, method, `/${resourcePath}`);
    return {
      resources: routeResources(permitted, arn),
      coversRequest: decision.permitted,
      ...(decision.rule && { rule: decision.rule.route }),
    };
  };
}
