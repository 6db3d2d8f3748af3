import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { isSupportedAlgorithm, KeySourceError, keyTypeFor } from '@jwt-authorizer/core';
import type { JSONWebKeySet, JWK } from 'jose';
import { JWKSMultipleMatchingKeys, JWKSNoMatchingKey } from 'jose/errors';
import { importedKeys } from './parse-key-set.js';

/** Picks the key of a set that verifies a token with `header`; see {@link createKeySelector}. */
export type KeySelector = (header: { readonly alg?: unknown; readonly kid?: unknown }) => KeyObject;

/** Options of {@link createKeySelector}. */
export interface KeySelectorOptions {
  /** Do not compare the token's `kid` (a set whose keys have none, as a pasted PEM). Default false. */
  ignoreKid?: boolean;
}

/**
 * Key selection over a key set, by the same rules as jose's `createLocalJWKSet` (RFC 7515 §4.1.4, RFC 7517 §4):
 * a member is a candidate when its `kty` (and `crv`) is the one `alg` needs, its `kid` is the token's `kid` when the
 * token names one, its `alg` (if any) is `alg`, its `use` (if any) is `sig`, its `key_ops` (if any) are distinct
 * strings including `verify`, and its `ext` (if any) is a boolean. No candidate throws jose's `JWKSNoMatchingKey`,
 * several throw `JWKSMultipleMatchingKeys` (no key is tried in turn); callers map both with core's
 * `keySelectionError`.
 *
 * By hand, with jose's rules and errors, because jose imports each selected JWK through WebCrypto into a
 * `CryptoKey` (asynchronously, loading WebCrypto's modules at cold start) that core then converts back into the
 * `KeyObject` node:crypto verifies with. Here each member becomes a `KeyObject` once, with `createPublicKey` (or is
 * the one `parseKeySet` checked it as), and the selection is synchronous: the same key object on every call while
 * the set lives, as the verified-token cache expects.
 *
 * @example
 * ```ts
 * const select = createKeySelector(parseKeySet(material, { algorithms: ['RS256'] }));
 * const key = select({ alg: 'RS256', kid: 'k1' }); // KeyObject
 * ```
 */
export function createKeySelector(jwks: JSONWebKeySet, options: KeySelectorOptions = {}): KeySelector {
  const members = jwks.keys.map((jwk) => ({ jwk, key: undefined as KeyObject | undefined }));
  const ignoreKid = options.ignoreKid === true;
  // The last selection: tokens of one issuer name the same alg and kid, request after request.
  let last: { alg: unknown; kid: unknown; key: KeyObject } | undefined;
  return (header) => {
    const { alg } = header;
    const kid = ignoreKid ? undefined : header.kid;
    if (last !== undefined && last.alg === alg && last.kid === kid) return last.key;
    const candidates =
      typeof alg === 'string' && isSupportedAlgorithm(alg)
        ? members.filter(({ jwk }) => isUsable(jwk, keyTypeFor(alg), alg, kid))
        : [];
    const [member] = candidates;
    if (member === undefined) throw new JWKSNoMatchingKey();
    if (candidates.length > 1) throw new JWKSMultipleMatchingKeys();
    member.key ??= importedKeys.get(member.jwk) ?? importKey(member.jwk);
    last = { alg, kid, key: member.key };
    return member.key;
  };
}

function isUsable(jwk: JWK, type: { kty: string; crv?: string }, alg: string, kid: unknown): boolean {
  const ops = jwk.key_ops;
  return (
    (jwk.ext === undefined || typeof jwk.ext === 'boolean') &&
    (ops === undefined ||
      (Array.isArray(ops) &&
        ops.every((op, index) => typeof op === 'string' && ops.indexOf(op) === index) &&
        ops.includes('verify'))) &&
    jwk.kty === type.kty &&
    (kid === undefined || (typeof kid === 'string' && kid === jwk.kid)) &&
    (jwk.alg === undefined || jwk.alg === alg) &&
    (jwk.use === undefined || jwk.use === 'sig') &&
    (type.crv === undefined || jwk.crv === type.crv)
  );
}

/** `createPublicKey` gives a public key whatever the JWK holds (of a private JWK, its public half), or throws. */
function importKey(jwk: JWK): KeyObject {
  try {
    return createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch (error) {
    throw new KeySourceError('invalid_key_material', 'a key of the set is not a valid public JWK', { cause: error });
  }
}
