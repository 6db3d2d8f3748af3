import { decideRoute, type RouteDecision, type RouteRule } from '@jwt-authorizer/core';
import type { MiddlewareHandler } from 'hono';
import type { JwtAuthEnv } from './jwt-auth.ts';
import { wwwAuthenticate } from './www-authenticate.ts';

/** Options of {@link requireRouteRules}. */
export interface RequireRouteRulesOptions {
  /** Called once per refused request with the decision (which rules named the route, and why none applied). */
  onRefused?: (decision: RouteDecision) => void;
}

/**
 * Hono middleware, after {@link jwtAuth}: applies the Lambda's route rules (`ROUTE_RULES`, or `ROUTE_SCOPES`, as
 * `parseConfig(process.env).response.routeRules` reads them) to the request's method and path with core's
 * `decideRoute`, the very decision the authorizer's policy makes in front of it. A valid token the rules do not
 * permit on this route gets 403 with an `insufficient_scope` challenge (RFC 6750 §3.1).
 *
 * @example
 * ```ts
 * app.use('/tenants/*', jwtAuth(options), requireRouteRules(parseRouteRules('{"GET /tenants/{tenant_id}/*": {}}')));
 * ```
 */
export function requireRouteRules(
  rules: readonly RouteRule[],
  options: RequireRouteRulesOptions = {},
): MiddlewareHandler<JwtAuthEnv> {
  return async function checkRouteRules(c, next) {
    // c.req.path: the path without the query string, as the route of the request.
    const decision = decideRoute(rules, c.get('jwt').claims, c.req.method, c.req.path);
    if (!decision.permitted) {
      options.onRefused?.(decision);
      c.header('WWW-Authenticate', wwwAuthenticate({ realm: 'api', error: 'insufficient_scope' }));
      return c.json({ error: 'insufficient_scope' }, 403);
    }
    await next();
  };
}
