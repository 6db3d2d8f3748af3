import { checkRouteBudget } from './check-route-budget.js';
import { ConfigError } from './errors.js';
import { parseRoute } from './parse-route.js';
import type { RouteCondition, RouteRule } from './route-rule.js';

/** What {@link parseRouteTable} needs to know of one route variable. */
export interface RouteTableFormat {
  variable: 'ROUTE_RULES' | 'ROUTE_SCOPES';
  /** A short valid value, for the message when the text is not JSON. */
  example: string;
  /** What the routes map to, for the message when the JSON is not an object: "conditions", "scopes". */
  values: string;
  /** Whether `{claim}` segments are allowed (see {@link parseRoute}). */
  placeholders: boolean;
  /** Reads one route's value into its conditions, throwing a ConfigError when it is wrong. */
  conditions(route: string, value: unknown): RouteCondition[];
}

/**
 * The frame `ROUTE_RULES` and `ROUTE_SCOPES` share: a JSON object whose keys are routes (see {@link parseRoute}),
 * each value read by `format.conditions`; at least one rule; and, at cold start, proof that the largest policy the
 * rules can make fits (see `checkRouteBudget`).
 *
 * @throws {ConfigError} `invalid_value` on `format.variable`, saying which rule is wrong and why.
 */
export function parseRouteTable(raw: string, format: RouteTableFormat): RouteRule[] {
  const invalid = (message: string) => new ConfigError('invalid_value', format.variable, message);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid(`is not JSON: expected an object such as ${format.example}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid(`must be a JSON object mapping "METHOD /path" to ${format.values}`);
  }
  const rules = Object.entries(parsed).map(([route, value]) => ({
    ...parseRoute(route, { variable: format.variable, placeholders: format.placeholders }),
    conditions: format.conditions(route, value),
  }));
  if (rules.length === 0) throw invalid('has no rule: every request would be denied');
  checkRouteBudget(rules, format.variable);
  return rules;
}
