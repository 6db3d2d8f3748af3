import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rsaPublicJwk } from '../src/index.js';

describe('rsaPublicJwk', () => {
  it('gives n and e of an rsaEncryption key as Node exports them', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { n, e } = publicKey.export({ format: 'jwk' });
    expect(rsaPublicJwk(publicKey)).toEqual({ kty: 'RSA', n, e });
  });

  it('reads n and e out of an RSASSA-PSS key, restricted or not, which Node will not export as a JWK', () => {
    const restricted = { hashAlgorithm: 'sha256', mgf1HashAlgorithm: 'sha256', saltLength: 32 };
    for (const options of [{}, restricted]) {
      const { publicKey } = generateKeyPairSync('rsa-pss', { modulusLength: 3072, ...options });
      expect(() => publicKey.export({ format: 'jwk' })).toThrow();
      const jwk = rsaPublicJwk(publicKey);
      // The same numbers: Node reads them back as a plain RSA key with the same SPKI body.
      const plain = createPublicKey({ key: jwk, format: 'jwk' });
      expect(plain.asymmetricKeyDetails).toMatchObject({ modulusLength: 3072, publicExponent: 65537n });
      const spki = (key: typeof plain) => key.export({ format: 'der', type: 'spki' });
      expect(spki(plain).subarray(-270).equals(spki(publicKey).subarray(-270))).toBe(true);
    }
  });

  it('refuses anything but an RSA public key', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => rsaPublicJwk(publicKey)).toThrow(TypeError);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() => rsaPublicJwk(rsa.privateKey)).toThrow('not an RSA public key');
    expect(() => rsaPublicJwk(privateKey)).toThrow(TypeError);
  });
});
