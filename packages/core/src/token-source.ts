import { ConfigError } from './errors.js';

/** Where a token may be found: a request header, a query string parameter, or a cookie. */
export type TokenSourceKind = 'header' | 'query' | 'cookie';

/** One entry of `TOKEN_SOURCES`: `header:<name>`, `query:<name>` or `cookie:<name>`. */
export interface TokenSource {
  readonly kind: TokenSourceKind;
  /** As written. Header names are compared case-insensitively, query parameter and cookie names exactly. */
  readonly name: string;
}

/** `header:Authorization`, the only source when `TOKEN_SOURCES` is unset. */
export const DEFAULT_TOKEN_SOURCES: readonly TokenSource[] = Object.freeze([
  Object.freeze({ kind: 'header', name: 'Authorization' } as const),
]);

const VARIABLE = 'TOKEN_SOURCES';
// Header and cookie names are RFC 9110 §5.6.2 tokens (RFC 6265 §4.1.1: cookie-name = token). Query parameter names
// are held to RFC 3986's unreserved characters: they need no percent-encoding, so the name an API Gateway identity
// source (method.request.querystring.<name>) and the decoded name in the event are the same text.
const TOKEN_CHARS = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const QUERY_NAME = /^[A-Za-z0-9._~-]+$/;
const ENTRY = /^(header|query|cookie):(.*)$/s;

/**
 * Parses `TOKEN_SOURCES`: a comma list of `header:<name>`, `query:<name>` and `cookie:<name>`, tried in order.
 * A source may be listed once (header names compared case-insensitively). `header:Cookie` is refused: a cookie is
 * named with `cookie:<name>`.
 *
 * @throws {ConfigError} `invalid_value` on `TOKEN_SOURCES`, naming the entry and why.
 * @example
 * ```ts
 * parseTokenSources('header:Authorization, cookie:session'); // [{ kind: 'header', ... }, { kind: 'cookie', name: 'session' }]
 * ```
 */
export function parseTokenSources(raw: string): TokenSource[] {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw invalid('names no source: list header:<name>, query:<name> or cookie:<name>');
  const sources: TokenSource[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const source = parseEntry(entry);
    const key = sourceKey(source);
    if (seen.has(key)) throw invalid(`lists ${JSON.stringify(entry)} twice`);
    seen.add(key);
    sources.push(source);
  }
  return sources;
}

/**
 * A source as `TOKEN_SOURCES` writes it, for messages and logs.
 *
 * @example
 * ```ts
 * formatTokenSource({ kind: 'query', name: 'token' }); // 'query:token'
 * ```
 */
export function formatTokenSource(source: TokenSource): string {
  return `${source.kind}:${source.name}`;
}

/**
 * Whether a source is the `Authorization` header, whose credential must be `Bearer <jwt>` (RFC 6750 §2.1); every
 * other source carries the bare JWT.
 *
 * @example
 * ```ts
 * isAuthorizationHeader({ kind: 'header', name: 'authorization' }); // true
 * ```
 */
export function isAuthorizationHeader(source: TokenSource): boolean {
  return source.kind === 'header' && source.name.toLowerCase() === 'authorization';
}

function parseEntry(entry: string): TokenSource {
  const match = ENTRY.exec(entry);
  if (!match) {
    throw invalid(`${JSON.stringify(entry.slice(0, 60))} is not header:<name>, query:<name> or cookie:<name>`);
  }
  const kind = match[1] as TokenSourceKind;
  const name = (match[2] ?? '').trim();
  const pattern = kind === 'query' ? QUERY_NAME : TOKEN_CHARS;
  if (!pattern.test(name)) {
    const allowed =
      kind === 'query' ? 'letters, digits and . _ ~ -' : "an HTTP token (letters, digits, !#$%&'*+.^_`|~-)";
    throw invalid(`${JSON.stringify(entry.slice(0, 60))}: a ${kind} name is ${allowed}`);
  }
  if (kind === 'header' && name.toLowerCase() === 'cookie') {
    throw invalid('"header:Cookie" would take the whole Cookie header as the token: name the cookie, cookie:<name>');
  }
  return { kind, name };
}

function sourceKey(source: TokenSource): string {
  return `${source.kind}:${source.kind === 'header' ? source.name.toLowerCase() : source.name}`;
}

function invalid(message: string): ConfigError {
  return new ConfigError('invalid_value', VARIABLE, message);
}
