import { ConfigError } from './errors.js';
import { MAX_RESOURCE_LENGTH, ROUTE_POLICY_BUDGET_BYTES } from './response-budget.js';

/** An HTTP method a route rule can name; `ANY` stands for every one of them. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** One rule of `ROUTE_SCOPES`: the routes it covers and the scopes that permit them. */
export interface RouteRule {
  /** The rule as written (`"GET /admin/*"`), for messages and logs. */
  route: string;
  /** The methods it covers (`ANY` expanded: IAM's `*` would cross `/` into the path). */
  methods: RouteMethod[];
  /** The path without its leading slash, as it appears in an execute-api ARN; may end in `*` (`admin/*`). */
  path: string;
  /** A token holding at least one of these scopes is permitted the route; empty: every valid token is. */
  scopes: string[];
}

/** Every method `ANY` stands for: the verbs API Gateway routes (REST `ANY` methods, HTTP API `ANY` routes). */
export const ROUTE_METHODS: readonly RouteMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/**
 * The longest `arn:{partition}:execute-api:{region}:{account}:{api-id}/{stage}/` API Gateway can send: the
 * `aws-us-gov` partition, a region of up to 20 characters, a 12-digit account, a 10-character API id and a stage
 * name of up to 128 characters (API Gateway's limit). Rule sets are checked against it at cold start, so a policy
 * that fits here fits for every stage.
 */
export const LONGEST_ARN_PREFIX_LENGTH = 'arn:aws-us-gov:execute-api:'.length + 20 + 1 + 12 + 1 + 10 + 1 + 128 + 1;

const RULE = /^([A-Z]+) (\/.*)$/;
// RFC 3986 pchar, less the characters IAM or this format give a meaning to (`*`, `?`, `$`, `{`, `}`).
const SEGMENT = /^[A-Za-z0-9._~!&'()+,;=:@%-]+$/;
const VARIABLE = 'ROUTE_SCOPES';

/**
 * Parses `ROUTE_SCOPES`: a JSON object whose keys are routes (`"METHOD /path"`) and whose values are the scopes
 * that permit them (an array, any one of which suffices, or one string). `METHOD` is an HTTP verb or `ANY`; the
 * path is literal, except that a last segment `*` covers every path below it, at any depth (`/admin/*` covers
 * `/admin/users/1`, not `/admin` itself). Checks at cold start that the largest policy the rules can produce
 * fits IAM's 512 characters per resource and API Gateway's 8 KiB response.
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
  const rules = Object.entries(parsed).map(([route, scopes]) => parseRule(route, scopes));
  if (rules.length === 0) throw invalid('has no rule: every request would be denied');
  checkSize(rules);
  return rules;
}

function parseRule(route: string, value: unknown): RouteRule {
  const match = RULE.exec(route);
  if (!match) throw invalid(`rule "${route}" is not of the form "METHOD /path"`);
  const [, method = '', path = ''] = match;
  const methods: RouteMethod[] | undefined =
    method === 'ANY'
      ? [...ROUTE_METHODS]
      : ROUTE_METHODS.includes(method as RouteMethod)
        ? [method as RouteMethod]
        : undefined;
  if (!methods) throw invalid(`rule "${route}": unknown method "${method}" (use ${ROUTE_METHODS.join(', ')} or ANY)`);
  const segments = path === '/' ? [] : path.slice(1).split('/');
  segments.forEach((segment, index) => {
    if (segment === '*' && index === segments.length - 1) return;
    if (!SEGMENT.test(segment)) {
      throw invalid(
        `rule "${route}": path segment "${segment}" is not allowed; paths are literal, and only a last segment "*" ` +
          'is a wildcard (IAM\'s "*" would cross "/")',
      );
    }
  });
  const scopes = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string' && /^\S+$/.test(scope))) {
    throw invalid(`rule "${route}": scopes must be a string or an array of strings without spaces`);
  }
  return { route, methods, path: segments.join('/'), scopes: [...scopes] };
}

function checkSize(rules: RouteRule[]): void {
  let bytes = 0;
  for (const rule of rules) {
    for (const method of rule.methods) {
      const length = LONGEST_ARN_PREFIX_LENGTH + method.length + 1 + rule.path.length;
      if (length > MAX_RESOURCE_LENGTH) {
        throw invalid(
          `rule "${rule.route}" can make a resource of ${length} characters, over IAM's ${MAX_RESOURCE_LENGTH}`,
        );
      }
      bytes += Buffer.byteLength(rule.path) + LONGEST_ARN_PREFIX_LENGTH + method.length + 1 + 3; // quotes and comma
    }
  }
  if (bytes > ROUTE_POLICY_BUDGET_BYTES) {
    throw invalid(
      `the rules can make a policy of ${bytes} bytes of resources, over the ${ROUTE_POLICY_BUDGET_BYTES} that fit ` +
        "API Gateway's 8 KiB response: use fewer rules, a wildcard path, or methods instead of ANY",
    );
  }
}

function invalid(message: string): ConfigError {
  return new ConfigError('invalid_value', VARIABLE, message);
}
