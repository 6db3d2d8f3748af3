import { TokenError } from './errors.js';
import { DEFAULT_MAX_TOKEN_LENGTH, extractBearerToken } from './extract-bearer-token.js';
import { isCompactJws } from './is-compact-jws.js';
import { readCookie } from './read-cookie.js';
import { DEFAULT_TOKEN_SOURCES, formatTokenSource, isAuthorizationHeader, type TokenSource } from './token-source.js';

/** Names to one value or several (a header or parameter sent more than once); either may be `null`. */
export type RequestValues = Readonly<
  Record<string, string | readonly (string | null | undefined)[] | null | undefined>
>;

/**
 * The little of a request a token can come from, whatever carried it: an API Gateway event, a Hono request, a
 * Node `IncomingMessage`. Structurally compatible with the maps of API Gateway's events; any part may be missing.
 */
export interface TokenRequest {
  /** Header names in any case (REST APIs keep the client's, HTTP APIs lower-case them). */
  headers?: RequestValues | null | undefined;
  /** Query string parameters, decoded, names exact. */
  query?: RequestValues | null | undefined;
  /**
   * `Cookie` header values (`a=1; b=2`), or HTTP API 2.0's `cookies` array (one pair each). Absent: the `Cookie`
   * header(s) of `headers`.
   */
  cookies?: readonly string[] | null | undefined;
}

/** Options of {@link extractToken}. */
export interface ExtractTokenOptions {
  /** Where to look, in order (`TOKEN_SOURCES`). Default {@link DEFAULT_TOKEN_SOURCES}, the `Authorization` header. */
  sources?: readonly TokenSource[];
  /** Longest value accepted, checked before it is parsed. Default {@link DEFAULT_MAX_TOKEN_LENGTH}. */
  maxLength?: number;
}

/** The token found, and the source it came from. */
export interface ExtractedToken {
  token: string;
  source: TokenSource;
}

// RFC 6750 §2.1's credential form, accepted from every source as well as the bare token.
const BEARER_PREFIX = /^[Bb][Ee][Aa][Rr][Ee][Rr] +/;

/**
 * Takes the JWT from the first of `sources` present in the request: a source whose values are all absent or
 * blank is skipped, the first one present decides, and a bad token there is refused without looking further (a
 * refused token is no cue to try another). `header:Authorization` carries `Bearer <jwt>` (scheme
 * case-insensitive, RFC 7235); every other source the bare JWT, `Bearer <jwt>` also accepted. A source sent more
 * than once with different values is refused as ambiguous (`ambiguous_token`): which one the client meant cannot
 * be told, and the extra one is the attacker's (a cookie tossed in from a sibling domain, a parameter appended to
 * a link). The same value repeated is one value.
 *
 * @throws {TokenError} `missing_token`, `ambiguous_token`, `token_too_large`, `not_bearer` or `malformed_token`.
 * @example
 * ```ts
 * const sources = parseTokenSources('header:Authorization,cookie:session');
 * extractToken({ headers: { cookie: 'session=eyJ...' } }, { sources }); // { token: 'eyJ...', source: { kind: 'cookie', ... } }
 * ```
 */
export function extractToken(request: TokenRequest, options: ExtractTokenOptions = {}): ExtractedToken {
  const sources = options.sources ?? DEFAULT_TOKEN_SOURCES;
  const maxLength = options.maxLength ?? DEFAULT_MAX_TOKEN_LENGTH;
  for (const source of sources) {
    const present = presentValues(valuesOf(request, source));
    if (present.length === 0) continue;
    if (present.length > 1) {
      throw new TokenError(
        'ambiguous_token',
        `${formatTokenSource(source)} is sent ${present.length} times with different values`,
      );
    }
    const value = present[0] as string;
    if (isAuthorizationHeader(source)) return { token: extractBearerToken(value, { maxLength }), source };
    if (value.length > maxLength) {
      throw new TokenError(
        'token_too_large',
        `${formatTokenSource(source)} is ${value.length} characters, over the ${maxLength} cap`,
      );
    }
    const token = value.replace(BEARER_PREFIX, '');
    if (!isCompactJws(token)) {
      throw new TokenError(
        'malformed_token',
        `${formatTokenSource(source)} is not a compact JWS of three base64url parts`,
      );
    }
    return { token, source };
  }
  throw new TokenError('missing_token', `no token in ${sources.map(formatTokenSource).join(', ') || 'any source'}`);
}

function valuesOf(request: TokenRequest, source: TokenSource): string[] {
  if (source.kind === 'query') return collect(request.query, (key) => key === source.name);
  if (source.kind === 'header') {
    const wanted = source.name.toLowerCase();
    return collect(request.headers, (key) => key.toLowerCase() === wanted);
  }
  const cookies = Array.isArray(request.cookies)
    ? request.cookies
    : collect(request.headers, (key) => key.toLowerCase() === 'cookie');
  return readCookie(cookies, source.name);
}

/** The distinct values that are not blank (a blank value is an absent one), in order; nearly always one, or none. */
function presentValues(values: string[]): string[] {
  // /\S/ stops at the first non-blank character.
  if (values.length === 1) return /\S/.test(values[0] as string) ? values : [];
  return [...new Set(values.filter((value) => /\S/.test(value)))];
}

/** Every string value of the keys `wanted` accepts; anything else (`null`, numbers, objects) is no value. */
function collect(values: RequestValues | null | undefined, wanted: (key: string) => boolean): string[] {
  const found: string[] = [];
  if (typeof values !== 'object' || values === null) return found;
  for (const key in values) {
    if (!Object.hasOwn(values, key) || !wanted(key)) continue;
    const value = values[key];
    if (typeof value === 'string') found.push(value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') found.push(item);
  }
  return found;
}
