import type { ClaimValue } from './claim-matches.js';
import { claimMatches } from './claim-matches.js';
import { readClaim } from './claim-reference.js';
import { placeholderProblem } from './placeholder-value.js';
import type { RouteCondition, RouteMethod, RouteRule } from './route-rule.js';

/** The claims of a verified token, as core reads them. */
export type Claims = Readonly<Record<string, unknown>>;

/** A route a token may call: a rule's methods and its path with the token's values in place of its placeholders. */
export interface PermittedRoute {
  rule: RouteRule;
  methods: readonly RouteMethod[];
  /** As in an execute-api ARN: no leading slash, placeholders substituted, may end in `*` (`tenants/t1/*`). */
  path: string;
}

/** What one rule gives a token: a route, or, in words, why not. */
export type RuleEvaluation =
  | { permitted: true; route: PermittedRoute }
  | { permitted: false; unmet: readonly string[] };

/**
 * Evaluates one rule for a token: every condition must hold, and every `{claim}` of its path must be a value that
 * can go into an ARN (see `placeholderProblem`). Says why not, condition by condition, when it does not apply.
 *
 * @example
 * ```ts
 * evaluateRule(rule, { tenant_id: 't1' }); // { permitted: true, route: { rule, methods: ['GET'], path: 'tenants/t1/*' } }
 * ```
 */
export function evaluateRule(rule: RouteRule, claims: Claims): RuleEvaluation {
  const unmet: string[] = [];
  for (const condition of rule.conditions) {
    const value = readClaim(claims, condition.reference);
    if (!claimMatches(value, condition.values)) unmet.push(describeUnmet(condition, value));
  }
  const parts: string[] = [];
  for (const segment of rule.segments) {
    if (segment.kind === 'literal') parts.push(segment.text);
    else if (segment.kind === 'wildcard') parts.push('*');
    else {
      const value = readClaim(claims, segment.reference);
      const problem = placeholderProblem(value);
      if (problem) unmet.push(`{${segment.claim}}: ${segment.claim} ${problem}`);
      else parts.push(value as string);
    }
  }
  if (unmet.length > 0) return { permitted: false, unmet };
  return { permitted: true, route: { rule, methods: rule.methods, path: parts.join('/') } };
}

/**
 * The routes a token may call: one per rule that permits it, in the order of the rules, placeholders substituted.
 * Pure, and independent of any ARN: the Lambda turns these into the resources of its policy on the calling stage,
 * a service can list them or decide one request with `decideRoute`.
 *
 * @example
 * ```ts
 * const rules = parseRouteRules('{"GET /tenants/{tenant_id}/*": {}, "ANY /admin/*": {"cognito:groups": "admins"}}');
 * evaluateRoutes(rules, { tenant_id: 't1' }); // [{ rule, methods: ['GET'], path: 'tenants/t1/*' }]
 * ```
 */
export function evaluateRoutes(rules: readonly RouteRule[], claims: Claims): PermittedRoute[] {
  const routes: PermittedRoute[] = [];
  for (const rule of rules) {
    const evaluation = evaluateRule(rule, claims);
    if (evaluation.permitted) routes.push(evaluation.route);
  }
  return routes;
}

function describeUnmet(condition: RouteCondition, value: unknown): string {
  const name = condition.reference.kind === 'scopes' ? "the token's scopes" : condition.claim;
  const accepted = condition.values.map(show).join(', ');
  if (value === undefined) return `${name} is missing (needs ${accepted})`;
  if (Array.isArray(value))
    return `${name} ${condition.reference.kind === 'scopes' ? 'hold' : 'holds'} none of ${accepted}`;
  return `${name} is ${show(value)}, not ${condition.values.length > 1 ? 'one of ' : ''}${accepted}`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value as ClaimValue) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
