import { generateKeyPairSync } from 'node:crypto';
import { createRocaKey, createRsaKeyWithExponent } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { base64urlUint, rsaKeyWeakness } from '../src/index.js';
import { ROCA_ORDERS, ROCA_PRIMES } from '../src/rsa-key-weakness.js';

const modulusOf = (jwk: { n?: string }) => base64urlUint(jwk.n as string);
const modInverse = (value: bigint, prime: bigint) => {
  // Fermat: value^(p - 2) is the inverse of value modulo a prime p.
  let [result, base, exponent] = [1n, value % prime, prime - 2n];
  for (; exponent > 0n; exponent >>= 1n, base = (base * base) % prime)
    if (exponent & 1n) result = (result * base) % prime;
  return result;
};

describe('rsaKeyWeakness', () => {
  const good = modulusOf(createRsaKeyWithExponent(65537n).publicJwk);

  it('refuses a modulus with the ROCA fingerprint, made of primes of the vulnerable structure', () => {
    const roca = createRocaKey();
    expect(rsaKeyWeakness(modulusOf(roca.publicJwk), 65537n)).toBe(
      'its modulus has the ROCA fingerprint (CVE-2017-15361): its private key can be recovered',
    );
  });

  it('tests the fingerprint modulo the 38 odd primes to 167, each with the order of 65537 modulo it', () => {
    const isPrime = (n: number) => n > 1 && Array.from({ length: n - 2 }, (_, i) => i + 2).every((d) => n % d !== 0);
    const oddPrimes = Array.from({ length: 167 }, (_, i) => i + 1).filter((n) => n > 2 && isPrime(n));
    expect(ROCA_PRIMES).toEqual(oddPrimes);
    const orders = ROCA_PRIMES.map((p) => {
      let [k, power] = [1, 65537 % p];
      for (; power !== 1; k += 1) power = (power * 65537) % p;
      return k;
    });
    expect(ROCA_ORDERS).toEqual(orders);
  });

  it('refuses a modulus only when it lies in the subgroup of 65537 modulo every one of the primes', () => {
    // A 2048-bit modulus congruent to 1 (a member of every subgroup) modulo each prime, by the Chinese remainder
    // theorem, then moved off the subgroup modulo one prime at a time.
    const subgroups = ROCA_PRIMES.map((p, i) => [BigInt(p), BigInt(ROCA_ORDERS[i] as number)] as const);
    const product = subgroups.reduce((m, [prime]) => m * prime, 1n);
    const base = (1n << 2047n) + ((product - ((1n << 2047n) % product)) % product) + 1n;
    expect(rsaKeyWeakness(base, 65537n)).toMatch(/ROCA fingerprint/);
    for (const [prime, order] of subgroups) {
      // The modulus with `residue` modulo this prime and still 1 modulo every other one.
      const cofactor = product / prime;
      const withResidue = (residue: bigint) =>
        base + ((residue - 1n + prime) % prime) * cofactor * modInverse(cofactor, prime);
      const outside = Array.from({ length: Number(prime) }, (_, i) => BigInt(i)).filter(
        (x) => x ** order % prime !== 1n,
      );
      // 0 is never in the subgroup; for a prime that 65537 generates every other residue modulo, it is the only one.
      expect(outside[0]).toBe(0n);
      for (const residue of outside.slice(0, 3)) {
        expect(withResidue(residue) % prime).toBe(residue);
        expect(rsaKeyWeakness(withResidue(residue), 65537n)).toBeUndefined();
      }
    }
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
