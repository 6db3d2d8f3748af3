/**
 * The JWS algorithms this product verifies: public-key signatures only (RFC 7518 §3, RFC 8037, RFC 9864).
 * `none` and the HMAC family are absent on purpose: every key source is a public-key source, and a public key
 * used as an HMAC secret is the classic algorithm-confusion attack (RFC 8725 §2.1).
 */
export const SUPPORTED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

/** The smallest RSA modulus accepted, in bits (RFC 7518 §3.3 and §3.5), wherever a key comes from. */
export const MIN_RSA_BITS = 2048;

/** A JWS `alg` value this product can verify. */
export type Algorithm = (typeof SUPPORTED_ALGORITHMS)[number];

/** Whether `value` is one of {@link SUPPORTED_ALGORITHMS}. */
export function isSupportedAlgorithm(value: string): value is Algorithm {
  return (SUPPORTED_ALGORITHMS as readonly string[]).includes(value);
}

/** The JWK `kty` (and `crv`, where it is fixed) that a key must have to verify `alg` (RFC 7518 §3.1). */
export function keyTypeFor(alg: Algorithm): { kty: 'RSA' | 'EC' | 'OKP'; crv?: string } {
  switch (alg) {
    case 'ES256':
      return { kty: 'EC', crv: 'P-256' };
    case 'ES384':
      return { kty: 'EC', crv: 'P-384' };
    case 'ES512':
      return { kty: 'EC', crv: 'P-521' };
    case 'EdDSA':
    case 'Ed25519':
      return { kty: 'OKP', crv: 'Ed25519' };
    default:
      return { kty: 'RSA' };
  }
}
