import { isClaimValue } from './claim-matches.js';
import { parseClaimReference } from './claim-reference.js';
import { ConfigError } from './errors.js';
import { parseRouteTable } from './parse-route-table.js';
import type { RouteCondition, RouteRule } from './route-rule.js';

const VARIABLE = 'ROUTE_RULES';

/**
 * Parses `ROUTE_RULES`: a JSON object whose keys are routes (`"METHOD /path"`, see {@link parseRoute}; a whole
 * segment `{claim}` stands for that claim of the token) and whose values are the conditions that permit them:
 * `{ <claim>: value | [values], ... }`. Every condition of a rule must hold, and a condition holds when the claim
 * equals one of its values or, for an array claim, holds one; `{}` permits every valid token. `scope` is the
 * token's scopes (`scope` and `scp`), a name starting with `/` a JSON Pointer (RFC 6901), any other name a
 * top-level claim. Values are strings, numbers or booleans. Checks at cold start that the largest policy the rules
 * can make fits IAM's 512 characters per resource and API Gateway's 8 KiB response.
 *
 * @throws {ConfigError} `invalid_value` on `ROUTE_RULES`, saying which rule is wrong and why.
 * @example
 * ```ts
 * parseRouteRules('{"GET /tenants/{tenant_id}/*": {}, "ANY /admin/*": {"cognito:groups": "admins"}}');
 * ```
 */
export function parseRouteRules(raw: string): RouteRule[] {
  return parseRouteTable(raw, {
    variable: VARIABLE,
    example: '{"GET /pets/*": {"cognito:groups": ["readers"]}}',
    values: 'conditions',
    placeholders: true,
    conditions: parseConditions,
  });
}

function parseConditions(route: string, value: unknown): RouteCondition[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`rule "${route}": conditions must be an object such as {"cognito:groups": ["admins"]}, or {}`);
  }
  return Object.entries(value).map(([claim, accepted]) => {
    const reference = parseClaimReference(claim);
    if (!reference) {
      throw invalid(
        `rule "${route}": condition "${claim}" names no claim: use a top-level name, "scope", or a JSON Pointer such ` +
          'as /realm_access/roles (RFC 6901: "~0" for "~", "~1" for "/")',
      );
    }
    const values = Array.isArray(accepted) ? accepted : [accepted];
    if (values.length === 0) {
      throw invalid(`rule "${route}": condition "${claim}" has no value; for a rule every valid token passes, use {}`);
    }
    if (!values.every(isClaimValue)) {
      throw invalid(`rule "${route}": condition "${claim}" takes a string, a number, a boolean, or an array of them`);
    }
    if (reference.kind === 'scopes' && !values.every((scope) => typeof scope === 'string' && /^\S+$/.test(scope))) {
      throw invalid(`rule "${route}": condition "scope" takes scopes, strings without spaces`);
    }
    return { claim, reference, values: [...values] };
  });
}

function invalid(message: string): ConfigError {
  return new ConfigError('invalid_value', VARIABLE, message);
}
