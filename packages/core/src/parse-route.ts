import { parseClaimReference } from './claim-reference.js';
import { ConfigError } from './errors.js';
import { ROUTE_METHODS, type RouteMethod, type RouteRule, type RouteSegment } from './route-rule.js';

/** Options of {@link parseRoute}. */
export interface ParseRouteOptions {
  /** The variable the route comes from, for the error. */
  variable: string;
  /** Whether `{claim}` segments are allowed (`ROUTE_RULES`) or not (`ROUTE_SCOPES`). */
  placeholders: boolean;
}

const ROUTE = /^([A-Z]+) \/(.*)$/;
// RFC 3986 pchar, less the characters IAM or this format give a meaning to (`*`, `?`, `$`, `{`, `}`).
const SEGMENT = /^[A-Za-z0-9._~!&'()+,;=:@%-]+$/;

/**
 * Reads one route key, `"METHOD /path"`, shared by `ROUTE_RULES` and `ROUTE_SCOPES`. `METHOD` is an HTTP verb or
 * `ANY` (expanded to each verb: IAM's `*` would cross `/`); the path is literal, except that a last segment `*`
 * covers every path below it, and, where allowed, a whole segment `{claim}` stands for a claim of the token (a
 * top-level name such as `{tenant_id}` or `{https://example.com/tenant}`, or a JSON Pointer such as `{/org/id}`).
 *
 * @throws {ConfigError} `invalid_value` on `options.variable`, saying what is wrong with the route.
 * @example
 * ```ts
 * parseRoute('GET /tenants/{tenant_id}/*', { variable: 'ROUTE_RULES', placeholders: true }).segments;
 * // [{ kind: 'literal', text: 'tenants' }, { kind: 'placeholder', claim: 'tenant_id', ... }, { kind: 'wildcard' }]
 * ```
 */
export function parseRoute(
  route: string,
  options: ParseRouteOptions,
): Pick<RouteRule, 'route' | 'methods' | 'path' | 'segments'> {
  const fail = (message: string) => new ConfigError('invalid_value', options.variable, `rule "${route}" ${message}`);
  const match = ROUTE.exec(route);
  if (!match) throw fail('is not of the form "METHOD /path"');
  const [, method = '', path = ''] = match;
  const methods: RouteMethod[] | undefined =
    method === 'ANY'
      ? [...ROUTE_METHODS]
      : ROUTE_METHODS.includes(method as RouteMethod)
        ? [method as RouteMethod]
        : undefined;
  if (!methods) throw fail(`has an unknown method "${method}" (use ${ROUTE_METHODS.join(', ')} or ANY)`);
  const texts = splitPath(path);
  if (typeof texts === 'string') throw fail(texts);
  const segments = texts.map((text, index): RouteSegment => {
    if (text === '*' && index === texts.length - 1) return { kind: 'wildcard' };
    if (text.startsWith('{') && options.placeholders) return placeholder(text, fail);
    if (!SEGMENT.test(text)) {
      const hint = !/[{}]/.test(text)
        ? ''
        : options.placeholders
          ? '; a {claim} placeholder is a whole path segment'
          : '; {claim} placeholders are for ROUTE_RULES';
      throw fail(
        `has a path segment "${text}" that is not allowed; paths are literal, and only a last segment "*" is a ` +
          `wildcard (IAM's "*" would cross "/")${hint}`,
      );
    }
    return { kind: 'literal', text };
  });
  return { route, methods, path, segments };
}

/** The segments of a path (after its leading slash): a `{...}` segment may hold `/` (a JSON Pointer). */
function splitPath(path: string): string[] | string {
  const texts: string[] = [];
  if (path === '') return texts;
  let at = 0;
  for (;;) {
    const close = path[at] === '{' ? path.indexOf('}', at) : undefined;
    if (close === -1) return `has a placeholder "${path.slice(at)}" without its closing "}"`;
    const end = close === undefined ? nextSlash(path, at) : close + 1;
    texts.push(path.slice(at, end));
    if (end === path.length) return texts;
    if (path[end] !== '/') return `has a placeholder "${path.slice(at, end)}" that is not a whole path segment`;
    at = end + 1;
  }
}

function nextSlash(path: string, from: number): number {
  const slash = path.indexOf('/', from);
  return slash < 0 ? path.length : slash;
}

function placeholder(text: string, fail: (message: string) => ConfigError): RouteSegment {
  const claim = text.slice(1, -1);
  const reference = /[{}]/.test(claim) ? undefined : parseClaimReference(claim);
  if (!reference) {
    throw fail(
      `has a placeholder "${text}" that names no claim: use {name} for a top-level claim or {/a/b} for a JSON ` +
        'Pointer (RFC 6901: "~0" for "~", "~1" for "/")',
    );
  }
  if (reference.kind === 'scopes') {
    throw fail('has the placeholder "{scope}": the token\'s scopes are several values, a placeholder takes one');
  }
  return { kind: 'placeholder', claim, reference };
}
