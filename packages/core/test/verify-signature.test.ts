import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
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
