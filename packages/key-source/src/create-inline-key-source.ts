import { type Algorithm, type KeySource, keySelectionError } from '@jwt-authorizer/core';
import type { JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import { createKeySelector } from './create-key-selector.js';
import { parseKeySet } from './parse-key-set.js';
import { type KeySourceEvent, reportLeftOut } from './remote-key-source-options.js';

/** Options of {@link createInlineKeySource}. */
export interface InlineKeySourceOptions {
  algorithms: readonly Algorithm[];
  /** Told of each member of the material that was left out (`key_left_out`), at creation. */
  onEvent?: (event: KeySourceEvent) => void;
}

/**
 * A key source over key material known at start-up (the `JWT_PUBLIC_KEY` variable): PEM, JWK or JWKS text.
 * The material is parsed once, here; each key becomes a node:crypto `KeyObject` once, on first use.
 *
 * @throws {KeySourceError} `invalid_key_material` when the material holds no usable public key.
 * @example
 * ```ts
 * const keySource = createInlineKeySource(pem, { algorithms: ['RS256'] });
 * await verifyToken(jwt, keySource, { algorithms: ['RS256'] });
 * ```
 */
export function createInlineKeySource(material: string, options: InlineKeySourceOptions): KeySource {
  const { algorithms, onEvent } = options;
  return keySourceOf(parseKeySet(material, { algorithms, onLeftOut: reportLeftOut('inline', onEvent) }));
}

/**
 * A key source over a key set, selecting by jose's rules (`createKeySelector`: kid, kty, crv, alg, use, key_ops),
 * with one addition: when no key of the set has a `kid` (a PEM, or a JWK without one), the token's `kid` is not
 * compared. Identity providers put a `kid` in every token, and a deployer who pasted the PEM of that one key expects
 * it to verify them.
 */
export function keySourceOf(jwks: JSONWebKeySet): KeySource {
  const select = createKeySelector(jwks, { ignoreKid: jwks.keys.every((jwk) => jwk.kid === undefined) });
  const getKey: JWTVerifyGetKey = (header) => {
    try {
      return select(header);
    } catch (error) {
      throw keySelectionError(error);
    }
  };
  return { getKey };
}
