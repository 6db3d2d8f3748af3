import { createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { createRocaKey, createRsaKeyWithExponent, forgeExponentOneToken } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { verifySignature } from '../src/verify-signature.js';

const input = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0';
const data = Buffer.from(input);

describe('verifySignature', () => {
  it('verifies ES256 only in the raw r||s form of RFC 7518 §3.4, not in DER', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const raw = sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const der = sign('sha256', data, privateKey);
    expect(verifySignature('ES256', publicKey, input, raw)).toBe(true);
    expect(verifySignature('ES256', publicKey, input, der)).toBe(false);
    expect(verifySignature('ES256', publicKey, input, Buffer.alloc(64))).toBe(false); // all-zero r and s
    expect(verifySignature('ES256', publicKey, input, raw.subarray(0, 63))).toBe(false);
    // One more spelling of the same r and s (a zero byte before s) would be one more key of API Gateway's cache.
    const padded = Buffer.concat([raw.subarray(0, 32), Buffer.from([0]), raw.subarray(32)]);
    expect(verifySignature('ES256', publicKey, input, padded)).toBe(false);
    expect(verifySignature('ES256', publicKey, `${input}x`, raw)).toBe(false);
  });

  it('converts r and s with leading zero bytes and high bits correctly (ES512: 66-byte halves, long DER form)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-521' });
    for (let i = 0; i < 40; i += 1) {
      const message = `${input}.${i}`;
      const raw = sign('sha512', Buffer.from(message), { key: privateKey, dsaEncoding: 'ieee-p1363' });
      expect(verifySignature('ES512', publicKey, message, raw)).toBe(true);
    }
  });

  it('verifies RS256, PS256 and EdDSA, and refuses a signature of another scheme', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = sign('sha256', data, rsa.privateKey);
    const pss = sign('sha256', data, { key: rsa.privateKey, padding: 6, saltLength: 32 });
    expect(verifySignature('RS256', rsa.publicKey, input, pkcs1)).toBe(true);
    expect(verifySignature('PS256', rsa.publicKey, input, pss)).toBe(true);
    expect(verifySignature('RS256', rsa.publicKey, input, pss)).toBe(false);
    expect(verifySignature('PS256', rsa.publicKey, input, pkcs1)).toBe(false);
    const ed = generateKeyPairSync('ed25519');
    expect(verifySignature('EdDSA', ed.publicKey, input, sign(null, data, ed.privateKey))).toBe(true);
    expect(verifySignature('Ed25519', ed.publicKey, input, Buffer.alloc(64))).toBe(false);
  });

  it('accepts a WebCrypto key as jose returns it', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const cryptoKey = publicKey.toCryptoKey('Ed25519', true, ['verify']);
    expect(verifySignature('EdDSA', cryptoKey, input, sign(null, data, privateKey))).toBe(true);
  });

  it('refuses, as a server error, a key of the wrong type, curve, size or a private key', () => {
    const ec256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const sig = Buffer.alloc(64);
    expect(() => verifySignature('RS256', ec256.publicKey, input, sig)).toThrow(TypeError);
    expect(() => verifySignature('ES384', ec256.publicKey, input, sig)).toThrow(TypeError);
    expect(() => verifySignature('RS256', weak.publicKey, input, sig)).toThrow(TypeError);
    expect(() => verifySignature('ES256', ec256.privateKey, input, sig)).toThrow(TypeError);
    expect(() => verifySignature('ES256', 'a pem string', input, sig)).toThrow(TypeError);
    expect(createPublicKey(ec256.privateKey).type).toBe('public');
  });
});

describe('verifySignature, algorithm by algorithm', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 });
  const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ed = generateKeyPairSync('ed25519');

  it.each([
    ['RS256', 'sha256'],
    ['RS384', 'sha384'],
    ['RS512', 'sha512'],
  ] as const)('%s verifies its own digest and refuses another', (alg, digest) => {
    expect(verifySignature(alg, rsa.publicKey, input, sign(digest, data, rsa.privateKey))).toBe(true);
    const other = digest === 'sha256' ? 'sha512' : 'sha256';
    expect(verifySignature(alg, rsa.publicKey, input, sign(other, data, rsa.privateKey))).toBe(false);
  });

  it.each([
    ['PS256', 'sha256', 32],
    ['PS384', 'sha384', 48],
    ['PS512', 'sha512', 64],
  ] as const)('%s verifies PSS with its digest, from an rsa or an rsa-pss key', (alg, digest, saltLength) => {
    for (const pair of [rsa, pss]) {
      const signature = sign(digest, data, { key: pair.privateKey, padding: 6, saltLength });
      expect(verifySignature(alg, pair.publicKey, input, signature)).toBe(true);
    }
    const wrongDigest = digest === 'sha256' ? 'sha384' : 'sha256';
    expect(
      verifySignature(alg, rsa.publicKey, input, sign(wrongDigest, data, { key: rsa.privateKey, padding: 6 })),
    ).toBe(false);
  });

  it('ES384 verifies its raw signature with SHA-384', () => {
    const raw = sign('sha384', data, { key: p384.privateKey, dsaEncoding: 'ieee-p1363' });
    expect(verifySignature('ES384', p384.publicKey, input, raw)).toBe(true);
    const sha256 = sign('sha256', data, { key: p384.privateKey, dsaEncoding: 'ieee-p1363' });
    expect(verifySignature('ES384', p384.publicKey, input, sha256)).toBe(false);
  });

  it('converts ES256 signatures whose r or s has leading zero bytes (shorter DER integers)', () => {
    // About one signature in 256 has a zero first byte in r, and as many in s: searched for, not left to chance.
    for (const half of [0, 32]) {
      let message = '';
      let raw = Buffer.alloc(0);
      for (let i = 0; raw[half] !== 0; i += 1) {
        message = `${input}.${half}.${i}`;
        raw = sign('sha256', Buffer.from(message), { key: p256.privateKey, dsaEncoding: 'ieee-p1363' });
      }
      expect(verifySignature('ES256', p256.publicKey, message, raw)).toBe(true);
      expect(verifySignature('ES256', p256.publicKey, `${message}x`, raw)).toBe(false);
    }
  });

  it('converts ES256 signatures whatever the high bits of r and s', () => {
    for (let i = 0; i < 64; i += 1) {
      const message = `${input}.${i}`;
      const raw = sign('sha256', Buffer.from(message), { key: p256.privateKey, dsaEncoding: 'ieee-p1363' });
      expect(verifySignature('ES256', p256.publicKey, message, raw)).toBe(true);
    }
  });

  it.each([
    ['RS256', p256.publicKey, 'it is a ec key on prime256v1'],
    ['RS256', pss.publicKey, 'it is a rsa-pss key'],
    ['PS256', ed.publicKey, 'it is a ed25519 key'],
    ['ES256', rsa.publicKey, 'it is a rsa key'],
    ['ES256', p384.publicKey, 'it is a ec key on secp384r1'],
    ['EdDSA', p256.publicKey, 'it is a ec key on prime256v1'],
    ['EdDSA', ed.privateKey, 'it is not a public key'],
  ] as const)('refuses %s with the wrong key, saying why', (alg, key, why) => {
    expect(() => verifySignature(alg, key, input, Buffer.alloc(64))).toThrow(
      `the selected key cannot verify ${alg}: ${why}`,
    );
  });

  it('says how short a refused RSA key is, for RS and PS alike', () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    for (const alg of ['RS256', 'PS256'] as const) {
      expect(() => verifySignature(alg, weak, input, Buffer.alloc(128))).toThrow(
        'RSA keys under 2048 bits are refused (this one has 1024 bits)',
      );
    }
  });

  it('refuses a missing key as a server error', () => {
    expect(() => verifySignature('RS256', null, input, Buffer.alloc(8))).toThrow(
      'the key source returned no key object',
    );
    expect(() => verifySignature('RS256', undefined, input, Buffer.alloc(8))).toThrow(TypeError);
  });

  it('returns false, not an exception, for a signature OpenSSL cannot parse', () => {
    // An RSA signature longer than the modulus: Node 24's OpenSSL answers false; the catch is there should one raise.
    expect(verifySignature('RS256', rsa.publicKey, input, Buffer.alloc(512, 1))).toBe(false);
  });
});

describe('verifySignature, with RSA keys no source should hand out', () => {
  it('refuses, as a server error, an e = 1 key whose forged signature OpenSSL would accept', () => {
    const weak = createRsaKeyWithExponent(1n);
    const [header = '', payload = '', signature = ''] = forgeExponentOneToken(weak, { sub: 'attacker' }).split('.');
    const key = createPublicKey(weak.publicPem);
    // The forgery is real: node:crypto alone verifies it.
    const forged = Buffer.from(signature, 'base64url');
    expect(verify('sha256', Buffer.from(`${header}.${payload}`), key, forged)).toBe(true);
    expect(() => verifySignature('RS256', key, `${header}.${payload}`, forged)).toThrow(
      'the selected key cannot verify RS256: its public exponent is 1: below 3, anyone can forge its signatures',
    );
  });

  it('refuses an even exponent and a ROCA modulus, for RS and PS alike', () => {
    const even = createPublicKey(createRsaKeyWithExponent(65538n).publicPem);
    expect(() => verifySignature('PS256', even, input, Buffer.alloc(256))).toThrow(/public exponent is even/);
    const roca = createPublicKey(createRocaKey().publicPem);
    expect(() => verifySignature('RS256', roca, input, Buffer.alloc(256))).toThrow(/ROCA fingerprint/);
    expect(() => verifySignature('PS384', roca, input, Buffer.alloc(256))).toThrow(/ROCA fingerprint/);
  });

  it('checks a key typed RSASSA-PSS as it checks an rsaEncryption one', () => {
    const roca = asPssKey(createPublicKey(createRocaKey().publicPem));
    expect(roca.asymmetricKeyType).toBe('rsa-pss');
    expect(() => verifySignature('PS256', roca, input, Buffer.alloc(256))).toThrow(/ROCA fingerprint/);
    const even = asPssKey(createPublicKey(createRsaKeyWithExponent(65538n).publicPem));
    expect(() => verifySignature('PS256', even, input, Buffer.alloc(256))).toThrow(/public exponent is even/);
  });
});

/** The same public numbers in a SubjectPublicKeyInfo typed id-RSASSA-PSS (RFC 4055 §3.1), with no parameters. */
function asPssKey(key: KeyObject): KeyObject {
  const tlv = (tag: number, content: Buffer) => {
    const length = content.length < 0x80 ? [content.length] : [0x82, content.length >> 8, content.length & 0xff];
    return Buffer.concat([Buffer.from([tag, ...length]), content]);
  };
  const algorithm = Buffer.from('300b06092a864886f70d01010a', 'hex'); // SEQUENCE { OID 1.2.840.113549.1.1.10 }
  const bits = tlv(0x03, Buffer.concat([Buffer.from([0]), key.export({ format: 'der', type: 'pkcs1' })]));
  return createPublicKey({ key: tlv(0x30, Buffer.concat([algorithm, bits])), format: 'der', type: 'spki' });
}
