import { ConfigError } from './errors.js';
import { parseRouteTable } from './parse-route-table.js';
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
  return parseRouteTable(raw, {
    variable: VARIABLE,
    example: '{"GET /pets": ["pets:read"]}',
    values: 'scopes',
    placeholders: false,
    conditions: (route, value) => {
      const scopes = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string' && /^\S+$/.test(scope))) {
        throw invalid(`rule "${route}": scopes must be a string or an array of strings without spaces`);
      }
      return scopes.length === 0 ? [] : [{ claim: 'scope', reference: { kind: 'scopes' }, values: [...scopes] }];
    },
  });
}

function invalid(message: string): ConfigError {
  return new ConfigError('invalid_value', VARIABLE, message);
}
