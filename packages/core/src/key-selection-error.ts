import { JWKSMultipleMatchingKeys, JWKSNoMatchingKey } from 'jose/errors';
import { TokenError } from './errors.js';

/**
 * jose's key-selection failures as the token errors they are: no key of the source matches the token's header
 * (`kid`, `alg`, key type), or several do and the token names none. Both are the token's fault (`unknown_key`,
 * 401). Any other error is returned unchanged: a key source that fails is a 500, never a 401, never an Allow.
 * The one place these errors are mapped: `verifyToken` applies it to whatever a key source throws, and the sources
 * of `@jwt-authorizer/key-source` apply it where they call jose's selection, as the `KeySource` contract asks.
 *
 * @example
 * ```ts
 * try { return await select(header, token); } catch (error) { throw keySelectionError(error); }
 * ```
 */
export function keySelectionError(error: unknown): unknown {
  if (error instanceof JWKSNoMatchingKey) {
    return new TokenError('unknown_key', 'no configured key matches the token\'s "kid" and "alg"', { cause: error });
  }
  // jose 6's jwtVerify does not try several candidates; neither do we: trying each would let one token cost
  // as many verifications as the set has keys. A token must name its key when several could verify it.
  if (error instanceof JWKSMultipleMatchingKeys) {
    return new TokenError('unknown_key', 'the token has no "kid" and several configured keys match', {
      cause: error,
    });
  }
  return error;
}
