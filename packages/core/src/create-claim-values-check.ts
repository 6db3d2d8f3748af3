import type { JWTPayload } from 'jose';
import { type ClaimValue, claimMatches, isClaimValue } from './claim-matches.js';
import { TokenError } from './errors.js';

/**
 * Required claim values (`JWT_CLAIM_VALUES`): claim name → the accepted value, or a list of accepted values, any
 * one of which suffices. Names are top-level claims, taken literally (`cognito:groups`, `https://example.com/org`).
 */
export type ClaimValues = Readonly<Record<string, ClaimValue | readonly ClaimValue[]>>;

/** Checks a verified token's claims against {@link ClaimValues}; see {@link createClaimValuesCheck}. */
export type ClaimValuesCheck = (claims: JWTPayload) => void;

/**
 * Compiles claim value rules once (validated, each as a list of accepted values) into a check per request. A claim
 * passes as route rules' conditions do (`claimMatches`): it equals one of its accepted values (`===`: the string
 * `"1"` is not the number `1`), or, when it is an array, holds one of them; a missing claim, an object, or `null`
 * never passes.
 * Claims are read with `Object.hasOwn`, so a rule named like an `Object.prototype` member (`constructor`,
 * `toString`, `__proto__`) is met only by a token that really carries that claim.
 *
 * @throws {TypeError} at compile time, for a value that is not a string, a finite number or a boolean, or an
 * empty list (it would refuse every token).
 * @example
 * ```ts
 * const check = createClaimValuesCheck({ token_use: 'access', tid: ['tenant-a', 'tenant-b'] });
 * check(claims); // throws TokenError claim_value_not_accepted
 * ```
 */
export function createClaimValuesCheck(rules: ClaimValues): ClaimValuesCheck {
  const compiled = Object.entries(rules).map(([name, accepted]): [string, readonly ClaimValue[]] => {
    const values: readonly ClaimValue[] = Array.isArray(accepted) ? accepted : [accepted as ClaimValue];
    if (values.length === 0) throw new TypeError(`claim "${name}": an empty list accepts no token`);
    if (!values.every(isClaimValue)) {
      throw new TypeError(`claim "${name}": accepted values are strings, finite numbers or booleans`);
    }
    return [name, [...values]]; // a copy: the rules are compiled once, later changes to them change nothing
  });
  return function checkClaimValues(claims) {
    for (const [name, accepted] of compiled) {
      if (!Object.hasOwn(claims, name)) {
        throw new TokenError('claim_value_not_accepted', `claim "${name}" is missing; JWT_CLAIM_VALUES requires it`);
      }
      if (!claimMatches(claims[name], accepted)) {
        throw new TokenError('claim_value_not_accepted', `claim "${name}" holds no value JWT_CLAIM_VALUES accepts`);
      }
    }
  };
}
