import type { JWTPayload } from 'jose';
import { TokenError } from './errors.js';

/** Options of {@link checkClaims}. */
export interface CheckClaimsOptions {
  issuer?: readonly string[] | undefined;
  audience?: readonly string[] | undefined;
  requiredClaims: readonly string[];
  clockToleranceSeconds: number;
  /** Seconds since the epoch. */
  now: number;
}

/**
 * Checks the registered claims of a verified token (RFC 7519 §4.1) as jose's `jwtVerify` does, in the same order
 * and with the same outcomes, so that taking the signature check out of jose (see verify-signature.ts) changes
 * no decision: presence of required claims, `iss`, `aud`, then the types and times of `iat`, `nbf`, `exp`, and an
 * `iat` in the future, which jose allows.
 *
 * @throws {TokenError} `missing_claim`, `wrong_issuer`, `wrong_audience`, `invalid_claim`, `not_yet_valid`,
 * `expired` or `issued_in_future`.
 * @example
 * ```ts
 * checkClaims(claims, { requiredClaims: ['exp'], clockToleranceSeconds: 30, now: Date.now() / 1000 });
 * ```
 */
export function checkClaims(claims: JWTPayload, options: CheckClaimsOptions): void {
  const { issuer, audience, clockToleranceSeconds: tolerance } = options;
  const required = new Set([...(issuer ? ['iss'] : []), ...(audience ? ['aud'] : []), ...options.requiredClaims]);
  for (const claim of required) {
    if (!Object.hasOwn(claims, claim)) throw new TokenError('missing_claim', `missing required "${claim}" claim`);
  }
  if (issuer && !issuer.includes(claims.iss as string))
    throw new TokenError('wrong_issuer', 'unexpected "iss" claim value');
  if (audience && !hasAudience(claims.aud, audience)) {
    throw new TokenError('wrong_audience', 'unexpected "aud" claim value');
  }
  const now = Math.floor(options.now);
  const iat = numericDate(claims, 'iat');
  const nbf = numericDate(claims, 'nbf');
  if (nbf !== undefined && nbf > now + tolerance) throw new TokenError('not_yet_valid', '"nbf" claim is in the future');
  const exp = numericDate(claims, 'exp');
  if (exp !== undefined && exp <= now - tolerance) throw new TokenError('expired', '"exp" claim is in the past');
  if (iat !== undefined && iat > options.now + tolerance)
    throw new TokenError('issued_in_future', '"iat" claim is in the future');
}

function hasAudience(aud: unknown, accepted: readonly string[]): boolean {
  if (typeof aud === 'string') return accepted.includes(aud);
  return Array.isArray(aud) && accepted.some((value) => aud.includes(value));
}

function numericDate(claims: JWTPayload, claim: 'iat' | 'nbf' | 'exp'): number | undefined {
  const value = claims[claim];
  if (value === undefined) return undefined;
  // RFC 7519 §2 NumericDate. NaN and Infinity cannot come out of JSON.parse.
  if (typeof value !== 'number') throw new TokenError('invalid_claim', `"${claim}" claim must be a number`);
  return value;
}
