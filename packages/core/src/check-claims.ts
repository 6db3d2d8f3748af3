import type { JWTPayload } from 'jose';
import type { CompiledVerifyOptions } from './compile-verify-options.js';
import { TokenError } from './errors.js';

/** Options of {@link checkClaims}: the compiled verification options it reads. */
export type CheckClaimsOptions = Pick<
  CompiledVerifyOptions,
  'issuer' | 'audience' | 'requiredClaims' | 'clockToleranceSeconds' | 'maxTokenAgeSeconds'
>;

/**
 * Checks the registered claims of a verified token (RFC 7519 §4.1) as jose's `jwtVerify` does, in the same order
 * and with the same outcomes, so that taking the signature check out of jose (see verify-signature.ts) changes
 * no decision: presence of required claims, `iss`, `aud`, then the types and times of `iat`, `nbf`, `exp`, the
 * token's age, and an `iat` in the future, which jose allows.
 *
 * Two departures, both on purpose. `iss` may match a `{tid}` template (see create-issuer-check.ts). And the
 * audience is judged as API Gateway's own JWT authorizer judges it: a token with `aud` by its `aud` alone; a token
 * without `aud` by its `client_id` (Amazon Cognito access tokens carry `client_id`, not `aud`), so the presence
 * check asks for one of the two.
 *
 * @param now seconds since the epoch.
 * @throws {TokenError} `missing_claim`, `wrong_issuer`, `wrong_audience`, `invalid_claim`, `not_yet_valid`,
 * `expired`, `token_too_old` or `issued_in_future`.
 * @example
 * ```ts
 * checkClaims(claims, compileVerifyOptions({ algorithms: ['RS256'] }), Date.now() / 1000);
 * ```
 */
export function checkClaims(claims: JWTPayload, options: CheckClaimsOptions, now: number): void {
  const { issuer, audience, clockToleranceSeconds: tolerance, maxTokenAgeSeconds: maxAge } = options;
  if (issuer && !Object.hasOwn(claims, 'iss')) missing('iss');
  if (audience && !Object.hasOwn(claims, 'aud') && !Object.hasOwn(claims, 'client_id')) {
    throw new TokenError('missing_claim', 'missing required "aud" claim (or "client_id", in a token without "aud")');
  }
  if (maxAge !== undefined && !Object.hasOwn(claims, 'iat')) missing('iat');
  for (const claim of options.requiredClaims) if (!Object.hasOwn(claims, claim)) missing(claim);
  const issuerProblem = issuer?.(claims);
  if (issuerProblem !== undefined) throw new TokenError('wrong_issuer', issuerProblem);
  if (audience) checkAudience(claims, audience);
  const seconds = Math.floor(now);
  const iat = numericDate(claims, 'iat');
  const nbf = numericDate(claims, 'nbf');
  if (nbf !== undefined && nbf > seconds + tolerance)
    throw new TokenError('not_yet_valid', '"nbf" claim is in the future');
  const exp = numericDate(claims, 'exp');
  if (exp !== undefined && exp <= seconds - tolerance) throw new TokenError('expired', '"exp" claim is in the past');
  // jose's maxTokenAge: the age beyond the tolerance may not exceed the maximum.
  if (maxAge !== undefined && seconds - (iat as number) - tolerance > maxAge) {
    throw new TokenError('token_too_old', `"iat" claim is more than ${maxAge} seconds in the past`);
  }
  if (iat !== undefined && iat > now + tolerance) {
    throw new TokenError('issued_in_future', '"iat" claim is in the future');
  }
}

function missing(claim: string): never {
  throw new TokenError('missing_claim', `missing required "${claim}" claim`);
}

function checkAudience(claims: JWTPayload, accepted: ReadonlySet<string>): void {
  if (Object.hasOwn(claims, 'aud')) {
    const { aud } = claims;
    const held = typeof aud === 'string' ? accepted.has(aud) : Array.isArray(aud) && aud.some((v) => accepted.has(v));
    if (!held) throw new TokenError('wrong_audience', 'unexpected "aud" claim value');
    return;
  }
  const clientId = claims['client_id'];
  if (typeof clientId !== 'string' || !accepted.has(clientId)) {
    throw new TokenError('wrong_audience', 'unexpected "client_id" claim value (the token has no "aud")');
  }
}

function numericDate(claims: JWTPayload, claim: 'iat' | 'nbf' | 'exp'): number | undefined {
  const value = claims[claim];
  if (value === undefined) return undefined;
  // RFC 7519 §2 NumericDate. NaN and Infinity cannot come out of JSON.parse.
  if (typeof value !== 'number') throw new TokenError('invalid_claim', `"${claim}" claim must be a number`);
  return value;
}
