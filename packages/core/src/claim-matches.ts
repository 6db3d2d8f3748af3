/** A value a claim may be required to hold: one of JSON's primitives, compared with `===` (no type coercion). */
export type ClaimValue = string | number | boolean;

/**
 * Whether a claim's value is accepted: it equals one of `accepted`, or it is an array holding one of them.
 * Compared with `===`: `1` never matches `"1"`, and objects, `null` and nested arrays match nothing.
 *
 * @example
 * ```ts
 * claimMatches(['readers', 'admins'], ['admins']); // true
 * claimMatches('reader', ['admin', 'owner']); // false
 * ```
 */
export function claimMatches(claim: unknown, accepted: readonly ClaimValue[]): boolean {
  if (Array.isArray(claim)) return claim.some((item) => isClaimValue(item) && accepted.includes(item));
  return isClaimValue(claim) && accepted.includes(claim);
}

/** Whether `value` is a {@link ClaimValue}: a string, a boolean or a finite number (what JSON can hold). */
export function isClaimValue(value: unknown): value is ClaimValue {
  return (
    typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
  );
}
