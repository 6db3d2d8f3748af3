import {
  decideRoute,
  evaluateRoutes,
  type PermittedRoute,
  type RouteDecision,
  type RouteRule,
} from '@jwt-authorizer/core';

/** What the route rules say about one request, for the token that made it. */
export interface RouteExplanation {
  /** core's `decideRoute` for the request's method and path: the rule that permits it, or why each does not. */
  decision: RouteDecision;
  /** Every route the token may call (what the authorizer's Allow policy lists). */
  permitted: PermittedRoute[];
}

/**
 * Explains a request with the rules the authorizer was configured with, by the same pure functions the authorizer
 * builds its policy with: `decideRoute` for this method and path, `evaluateRoutes` for the token's routes. The
 * claims are read from the identity source (`Bearer <jwt>`) without verifying it: call it only for a request the
 * authorizer accepted, whose token it verified. Undefined when the identity holds no readable token.
 *
 * @example
 * ```ts
 * explainRoute(rules, 'Bearer eyJ...', 'GET', '/tenants/t1/orders')?.decision.rule?.route; // 'GET /tenants/{tenant_id}/*'
 * ```
 */
export function explainRoute(
  rules: readonly RouteRule[],
  identity: string,
  method: string,
  path: string,
): RouteExplanation | undefined {
  const payload = identity.replace(/^bearer\s+/i, '').split('.')[1];
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return undefined;
  const token = claims as Record<string, unknown>;
  return { decision: decideRoute(rules, token, method, path), permitted: evaluateRoutes(rules, token) };
}

/**
 * The explanation in a few lines of text, as `explain` and the gateway's log print it.
 *
 * @example
 * ```ts
 * describeRoute(explanation, 'GET /tenants/t1/orders');
 * // ['"GET /tenants/{tenant_id}/*" does not apply: {tenant_id} is "t2", the path has "t1"']
 * ```
 */
export function describeRoute(explanation: RouteExplanation, request: string): string[] {
  const { decision } = explanation;
  if (decision.why.length === 0) return [`no rule names ${request}`];
  return decision.why.map((finding) =>
    finding.permitted
      ? `"${finding.rule.route}" permits it`
      : `"${finding.rule.route}" does not apply: ${finding.unmet.join('; ')}`,
  );
}

/**
 * The routes a token may call, as a route key each (`GET /tenants/t2/*`); `ANY` where a rule covers every method.
 *
 * @example
 * ```ts
 * permittedRoutes(explanation); // ['GET /tenants/t2/*', 'POST /tenants/t2/orders']
 * ```
 */
export function permittedRoutes(explanation: RouteExplanation): string[] {
  return explanation.permitted.map((route) => `${route.methods.length > 1 ? 'ANY' : route.methods[0]} /${route.path}`);
}
