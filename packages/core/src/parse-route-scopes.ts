import { checkRouteBudget } from './check-route-budget.js';
import { ConfigError } from './errors.js';
import { parseRoute } from './parse-route.js';
import type { RouteRule } from './route-rule.js';

const VARIABLE = 'ROUTE_SCOPES';

/**
 * Parses `ROUTE_SCOPES`, the scope-only form of `ROUTE_RULES`: a JSON object whose keys are routes
 * (`"METHOD /path"`, literal paths, see {@link parseRoute}) and whose values are the scopes that permit them (an
 * array, any one of which suffices, or one string; `[]` permits every valid token). Each becomes a rule with one
 * `scope` condition, so both variables are evaluated alike. Checks at cold start that the largest policy the rules
 * can make fits IAM's 512 characters per resource and API Gateway's 8 KiB response.
 *
 * @throws {ConfigError} `invalid_value` on `ROUTE_SCOPES`, saying which rule is wrong and why.
 * @example
 * ```ts
 * parseRouteScopes('{"GET /pets": ["pets:read"], "ANY /admin/*": ["admin"]}');
 * ```
 */
export function parseRouteScopes(raw: string): RouteRule[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid('is not JSON: expected an object such as {"GET /pets": ["pets:read"]}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid('must be a JSON object mapping "METHOD /path" to scopes');
  }
  const rules = Object.entries(parsed).map(([route, value]): RouteRule => {
    const parsedRoute = parseRoute(route, { variable: VARIABLE, placeholders: false });
    const scopes = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string' && /^\S+$/.test(scope))) {
      throw invalid(`rule "${route}": scopes must be a string or an array of strings without spaces`);
    }
    const conditions =
      scopes.length === 0 ? [] : [{ claim: 'scope', reference: { kind: 'scopes' as const }, values: [...scopes] }];
    return { ...parsedRoute, conditions };
  });
  if (rules.length === 0) throw invalid('has no rule: every request would be denied');
  checkRouteBudget(rules, VARIABLE);
  return rules;
}

function invalid(message: string): ConfigError {
  return new ConfigError('invalid_value', VARIABLE, message);
}
