import { describe, expect, it } from 'vitest';
import { isSupportedAlgorithm, keyTypeFor, SUPPORTED_ALGORITHMS } from '../src/index.js';

describe('keyTypeFor', () => {
  it.each([
    ['RS256', { kty: 'RSA' }],
    ['RS384', { kty: 'RSA' }],
    ['RS512', { kty: 'RSA' }],
    ['PS256', { kty: 'RSA' }],
    ['PS384', { kty: 'RSA' }],
    ['PS512', { kty: 'RSA' }],
    ['ES256', { kty: 'EC', crv: 'P-256' }],
    ['ES384', { kty: 'EC', crv: 'P-384' }],
    ['ES512', { kty: 'EC', crv: 'P-521' }],
    ['EdDSA', { kty: 'OKP', crv: 'Ed25519' }],
    ['Ed25519', { kty: 'OKP', crv: 'Ed25519' }],
  ] as const)('binds %s to the key type of RFC 7518 §3.1 / RFC 8037', (alg, type) => {
    expect(keyTypeFor(alg)).toStrictEqual(type);
  });
});

describe('isSupportedAlgorithm', () => {
  it('knows exactly the public-key algorithms', () => {
    expect(SUPPORTED_ALGORITHMS).toEqual([
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
    ]);
    for (const alg of SUPPORTED_ALGORITHMS) expect(isSupportedAlgorithm(alg)).toBe(true);
  });

  it.each(['none', 'HS256', 'HS512', 'rs256', 'RS256 ', 'ES256K', 'RSA-OAEP', ''])('refuses %j', (alg) => {
    expect(isSupportedAlgorithm(alg)).toBe(false);
  });
});
