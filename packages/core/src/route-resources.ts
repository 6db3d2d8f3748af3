import { formatMethodArn, parseMethodArn } from './parse-method-arn.js';
import type { RouteRule } from './parse-route-scopes.js';

/**
 * The resources a token with `scopes` is permitted, on every route of the stage `methodArn` belongs to: one ARN
 * per method of every rule whose scopes the token meets. Empty when no rule permits anything (the caller denies).
 * Covering the whole stage keeps API Gateway's cached result (per token, across routes) right on every route.
 *
 * @example
 * ```ts
 * routeResources(parseRouteScopes('{"GET /admin/*": ["admin"]}'), new Set(['admin']), methodArn);
 * // ['arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/admin/*']
 * ```
 */
export function routeResources(rules: readonly RouteRule[], scopes: ReadonlySet<string>, methodArn: string): string[] {
  const arn = parseMethodArn(methodArn);
  const resources = new Set<string>();
  for (const rule of rules) {
    if (rule.scopes.length > 0 && !rule.scopes.some((scope) => scopes.has(scope))) continue;
    for (const method of rule.methods) resources.add(formatMethodArn({ ...arn, method, resourcePath: rule.path }));
  }
  return [...resources];
}
