import { type Claims, evaluateRule } from './evaluate-routes.js';
import type { RouteRule, RouteSegment } from './route-rule.js';

/** What one rule said about a request. */
export interface RuleFinding {
  rule: RouteRule;
  permitted: boolean;
  /** Why it does not permit the request, in words; empty when it does. */
  unmet: readonly string[];
}

/** The decision for one request, with its reasons. */
export interface RouteDecision {
  permitted: boolean;
  /** The first rule (in the configuration's order) that permits the request. */
  rule: RouteRule | undefined;
  /**
   * Every rule whose route names this method and path (placeholders taking any segment), in order, with what it
   * said. Empty when no rule names the route at all.
   */
  why: readonly RuleFinding[];
}

/**
 * Decides one request: whether the rules permit a token `method path`, which rule does, and why each rule that
 * names the route does or does not. Exactly what the Lambda's policy for the same token allows under IAM's
 * wildcard semantics (a property test referees this), so a service calling it decides as the authorizer in front
 * of it. `path` is the request path as it comes (`/tenants/t1/orders`), without the query string.
 *
 * @example
 * ```ts
 * decideRoute(rules, { tenant_id: 't2' }, 'GET', '/tenants/t1/orders');
 * // { permitted: false, rule: undefined, why: [{ rule, permitted: false, unmet: ['{tenant_id} is "t2", the path has "t1"'] }] }
 * ```
 */
export function decideRoute(rules: readonly RouteRule[], claims: Claims, method: string, path: string): RouteDecision {
  const requested = path.startsWith('/') ? path.slice(1) : path;
  const why: RuleFinding[] = [];
  for (const rule of rules) {
    if (!(rule.methods as readonly string[]).includes(method)) continue;
    const bound = bindPath(rule.segments, requested);
    if (!bound) continue;
    const evaluation = evaluateRule(rule, claims);
    if (!evaluation.permitted) {
      why.push({ rule, permitted: false, unmet: evaluation.unmet });
      continue;
    }
    // The same test IAM makes of the resource the policy lists: literal, or a prefix before a last `*`.
    const { path: resource } = evaluation.route;
    const covers = resource.endsWith('*') ? requested.startsWith(resource.slice(0, -1)) : requested === resource;
    why.push({ rule, permitted: covers, unmet: covers ? [] : mismatches(rule.segments, bound, resource) });
  }
  const permitting = why.find((finding) => finding.permitted);
  return { permitted: permitting !== undefined, rule: permitting?.rule, why };
}

/** The request's text at each placeholder, when the path has the rule's shape; undefined when it has not. */
function bindPath(segments: readonly RouteSegment[], requested: string): string[] | undefined {
  const bound: string[] = [];
  let at = 0;
  for (const [index, segment] of segments.entries()) {
    if (index > 0) {
      if (requested[at] !== '/') return undefined;
      at += 1;
    }
    if (segment.kind === 'wildcard') return bound;
    const slash = requested.indexOf('/', at);
    const text = requested.slice(at, slash < 0 ? requested.length : slash);
    if (segment.kind === 'literal' && text !== segment.text) return undefined;
    if (segment.kind === 'placeholder') bound.push(text);
    at += text.length;
  }
  return at === requested.length ? bound : undefined;
}

function mismatches(segments: readonly RouteSegment[], bound: readonly string[], resource: string): string[] {
  const values = resource.split('/');
  const unmet: string[] = [];
  let placeholder = 0;
  for (const [index, segment] of segments.entries()) {
    if (segment.kind !== 'placeholder') continue;
    const has = bound[placeholder++];
    if (values[index] !== has)
      unmet.push(`{${segment.claim}} is ${JSON.stringify(values[index])}, the path has ${JSON.stringify(has)}`);
  }
  return unmet.length > 0 ? unmet : [`the rule gives /${resource}`];
}
