import { generateKeyPairSync } from 'node:crypto';
import { createRocaKey, createRsaKeyWithExponent } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { base64urlUint, rsaKeyWeakness } from '../src/index.js';

const modulusOf = (jwk: { n?: string }) => base64urlUint(jwk.n as string);

describe('rsaKeyWeakness', () => {
  const good = modulusOf(createRsaKeyWithExponent(65537n).publicJwk);

  // First in the file: the first call fills the fingerprint's table, and per-test coverage (mutation testing)
  // credits that code to this test alone.
  it('refuses a modulus with the ROCA fingerprint, made of primes of the vulnerable structure', () => {
    const roca = createRocaKey();
    expect(rsaKeyWeakness(modulusOf(roca.publicJwk), 65537n)).toBe(
      'its modulus has the ROCA fingerprint (CVE-2017-15361): its private key can be recovered',
    );
  });

  it('accepts a 2048-bit modulus with an odd exponent of at least 3', () => {
    expect(rsaKeyWeakness(good, 65537n)).toBeUndefined();
    expect(rsaKeyWeakness(good, 3n)).toBeUndefined();
  });

  it('refuses exponents below 3, with which anyone can forge a signature, and even ones', () => {
    expect(rsaKeyWeakness(good, 1n)).toBe('its public exponent is 1: below 3, anyone can forge its signatures');
    expect(rsaKeyWeakness(good, 0n)).toMatch(/public exponent is 0: below 3/);
    expect(rsaKeyWeakness(good, 2n)).toMatch(/public exponent is 2: below 3/);
    expect(rsaKeyWeakness(good, 65538n)).toBe('its public exponent is even, which no RSA key has (RFC 8017 §3.1)');
  });

  it('refuses a modulus under 2048 bits, naming its size', () => {
    expect(rsaKeyWeakness(good >> 1n, 65537n)).toBe('RSA key of 2047 bits; at least 2048 are required (RFC 7518 §3.3)');
  });

  it('finds no fingerprint in moduli of ordinary keys', () => {
    for (let i = 0; i < 25; i += 1) {
      const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      expect(rsaKeyWeakness(modulusOf(publicKey.export({ format: 'jwk' })), 65537n)).toBeUndefined();
    }
  });

  it('reads base64url big-endian integers, the empty one as 0', () => {
    expect(base64urlUint('AQAB')).toBe(65537n);
    expect(base64urlUint('AQ')).toBe(1n);
    expect(base64urlUint('')).toBe(0n);
  });
});
