import { TokenError } from './errors.js';
import { isCompactJws } from './is-compact-jws.js';

/**
 * Default cap on the whole credential (`Bearer <jwt>`), in characters. API Gateway caps a request's headers at
 * 10 KiB; 8 KiB leaves room for the others while fitting any token an identity provider issues in practice.
 */
export const DEFAULT_MAX_TOKEN_LENGTH = 8192;

/** Options of {@link extractBearerToken}. */
export interface ExtractBearerTokenOptions {
  /** Longest credential accepted, checked before anything else is done with it. Default {@link DEFAULT_MAX_TOKEN_LENGTH}. */
  maxLength?: number;
}

/**
 * Takes the JWT out of an `Authorization` header value of the form `Bearer <jwt>`.
 *
 * @throws {TokenError} `missing_token`, `token_too_large`, `not_bearer` or `malformed_token`.
 * @example
 * ```ts
 * const jwt = extractBearerToken(event.authorizationToken); // 'eyJhbGciOi...'
 * ```
 */
export function extractBearerToken(
  headerValue: string | null | undefined,
  options: ExtractBearerTokenOptions = {},
): string {
  // /\S/ stops at the first non-blank character: no copy of the whole credential, as trim() would make.
  if (headerValue === undefined || headerValue === null || !/\S/.test(headerValue)) {
    throw new TokenError('missing_token', 'no bearer token in the request');
  }
  const maxLength = options.maxLength ?? DEFAULT_MAX_TOKEN_LENGTH;
  if (headerValue.length > maxLength) {
    throw new TokenError(
      'token_too_large',
      `credential is ${headerValue.length} characters, over the ${maxLength} cap`,
    );
  }
  // `Bearer`, one or more spaces, then a credential with no white space (RFC 7235 §2.1: credentials = auth-scheme
  // 1*SP token68; the scheme is case-insensitive): read by hand, so that the only scan of the
  // whole value is the compact JWS check (this runs on every request).
  let start = headerValue.indexOf(' ');
  if (start !== 6 || headerValue.slice(0, 6).toLowerCase() !== 'bearer') throw notBearer();
  while (headerValue.charCodeAt(start) === 0x20) start += 1;
  const token = headerValue.slice(start);
  if (isCompactJws(token)) return token;
  // A credential with white space in it, or none, is not of the form at all; otherwise it is a malformed token.
  if (token === '' || /\s/.test(token)) throw notBearer();
  throw new TokenError('malformed_token', 'token is not a compact JWS of three base64url parts');
}

function notBearer(): TokenError {
  return new TokenError('not_bearer', 'credential is not of the form "Bearer <token>"');
}
