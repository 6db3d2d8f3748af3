import type { PermittedRoute } from './evaluate-routes.js';
import { formatMethodArn, parseMethodArn } from './parse-method-arn.js';

/**
 * The resources of the policy for the routes a token may call (see `evaluateRoutes`), on the stage `methodArn`
 * belongs to: one ARN per method of each route, nothing of another stage, API, account or partition. Empty when
 * the token may call nothing (the caller denies). Covering every permitted route of the stage keeps API Gateway's
 * cached result (per token, across routes) right on every route.
 *
 * @example
 * ```ts
 * routeResources(evaluateRoutes(parseRouteScopes('{"GET /admin/*": ["admin"]}'), { scope: 'admin' }), methodArn);
 * // ['arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/admin/*']
 * ```
 */
export function routeResources(routes: readonly PermittedRoute[], methodArn: string): string[] {
  const arn = parseMethodArn(methodArn);
  const resources = new Set<string>();
  for (const route of routes) {
    for (const method of route.methods) resources.add(formatMethodArn({ ...arn, method, resourcePath: route.path }));
  }
  return [...resources];
}
