import type { Algorithm } from './algorithms.js';
import { type ClaimValuesCheck, createClaimValuesCheck } from './create-claim-values-check.js';
import { createIssuerCheck, type IssuerCheck } from './create-issuer-check.js';
import type { VerifyTokenOptions } from './verify-token.js';

/** Default leeway for `exp`, `nbf` and `iat`: absorbs clock skew between the issuer and Lambda, no more. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

/** {@link VerifyTokenOptions} with every default applied and every lookup built: what a request is checked with. */
export interface CompiledVerifyOptions {
  readonly algorithms: readonly Algorithm[];
  /** Accepted `typ` values, normalized by {@link normalizeTyp}; undefined: unchecked. */
  readonly typ: ReadonlySet<string> | undefined;
  readonly issuer: IssuerCheck | undefined;
  readonly audience: ReadonlySet<string> | undefined;
  readonly requiredClaims: readonly string[];
  readonly clockToleranceSeconds: number;
  readonly maxTokenAgeSeconds: number | undefined;
  readonly claimValues: ClaimValuesCheck | undefined;
  readonly principalClaims: readonly string[];
  readonly usageIdentifierClaim: string | undefined;
  readonly currentDate: Date | undefined;
}

/**
 * Builds, once, what every request is checked with: sets of the accepted types and audiences, the issuer check
 * (literal issuers and `{tid}` templates), the claim value rules. `createTokenVerifier` calls it at start-up;
 * `verifyToken` on every call.
 *
 * @throws {TypeError} for claim value rules that cannot work (see `createClaimValuesCheck`), a negative
 * `maxTokenAgeSeconds`, or an empty list of principal claims.
 * @example
 * ```ts
 * const compiled = compileVerifyOptions({ algorithms: ['RS256'], typ: ['at+jwt'] }); // typ: Set { 'application/at+jwt' }
 * ```
 */
export function compileVerifyOptions(options: VerifyTokenOptions): CompiledVerifyOptions {
  const { maxTokenAgeSeconds, principalClaim = 'sub' } = options;
  if (maxTokenAgeSeconds !== undefined && !(maxTokenAgeSeconds >= 0)) {
    throw new TypeError('maxTokenAgeSeconds must be a number of seconds, 0 or more');
  }
  const principalClaims = typeof principalClaim === 'string' ? [principalClaim] : principalClaim;
  if (principalClaims.length === 0) throw new TypeError('principalClaim must name at least one claim');
  return {
    algorithms: options.algorithms,
    typ: options.typ && new Set(options.typ.map(normalizeTyp)),
    issuer: options.issuer && createIssuerCheck(options.issuer),
    audience: options.audience && new Set(options.audience),
    requiredClaims: options.requiredClaims ?? ['exp'],
    clockToleranceSeconds: options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
    maxTokenAgeSeconds,
    claimValues: options.claimValues && createClaimValuesCheck(options.claimValues),
    principalClaims,
    usageIdentifierClaim: options.usageIdentifierClaim,
    currentDate: options.currentDate,
  };
}

/**
 * A `typ` value as the media type it stands for: lower-cased (media types are case-insensitive, RFC 2045 §5.1),
 * with `application/` put before a value holding no `/` (RFC 7515 §4.1.9). So `at+jwt`, `AT+JWT` and
 * `application/at+jwt` are one type; jose normalizes the same way.
 *
 * @example
 * ```ts
 * normalizeTyp('AT+JWT'); // 'application/at+jwt'
 * ```
 */
export function normalizeTyp(typ: string): string {
  const lower = typ.toLowerCase();
  return lower.includes('/') ? lower : `application/${lower}`;
}
