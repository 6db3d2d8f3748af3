import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { createRocaKey, createRsaKeyWithExponent, modInverse } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it, vi } from 'vitest';
import { base64urlUint, rsaKeyObjectWeakness, rsaKeyWeakness } from '../src/index.js';
import { ROCA_SUBGROUPS } from '../src/rsa-key-weakness.js';

const ROCA_PRIMES = ROCA_SUBGROUPS.map(([prime]) => Number(prime));

const modulusOf = (jwk: { n?: string }) => base64urlUint(jwk.n as string);

describe('rsaKeyWeakness', () => {
  const good = modulusOf(createRsaKeyWithExponent(65537n).publicJwk);

  it('refuses a modulus with the ROCA fingerprint, made of primes of the vulnerable structure', () => {
    const roca = createRocaKey();
    expect(rsaKeyWeakness(modulusOf(roca.publicJwk), 65537n)).toBe(
      'its modulus has the ROCA fingerprint (CVE-2017-15361): its private key can be recovered',
    );
  });

  it('tests the fingerprint modulo the 38 odd primes to 167', () => {
    const isPrime = (n: number) => n > 1 && Array.from({ length: n - 2 }, (_, i) => i + 2).every((d) => n % d !== 0);
    expect(ROCA_PRIMES).toEqual(Array.from({ length: 167 }, (_, i) => i + 1).filter((n) => n > 2 && isPrime(n)));
  });

  it('pairs each prime with the order of 65537 modulo it: the smallest k with 65537^k = 1', () => {
    for (const [prime, order] of ROCA_SUBGROUPS) {
      const powers = Array.from({ length: Number(order) }, (_, k) => 65537n ** BigInt(k + 1) % prime);
      expect(powers.at(-1)).toBe(1n);
      expect(powers.slice(0, -1)).not.toContain(1n);
    }
  });

  it('refuses a modulus only when it lies in the subgroup of 65537 modulo every one of the primes', () => {
    // Each subgroup as the powers of 65537 themselves, not as the implementation finds it.
    const subgroups = ROCA_PRIMES.map((p) => {
      const powers = new Set<number>();
      for (let power = 1; !powers.has(power); power = (power * 65537) % p) powers.add(power);
      const outside = Array.from({ length: p }, (_, i) => i).filter((x) => !powers.has(x));
      return { prime: BigInt(p), inside: [...powers].map(BigInt), outside: outside.map(BigInt) };
    });
    // 2048-bit moduli with a chosen residue modulo each prime, by the Chinese remainder theorem.
    const product = subgroups.reduce((m, { prime }) => m * prime, 1n);
    const withResidues = (residue: (index: number) => bigint) =>
      subgroups.reduce((n, { prime }, index) => {
        const cofactor = product / prime;
        const step = (((residue(index) - n) % prime) + prime) % prime;
        return n + step * cofactor * modInverse(cofactor, prime);
      }, 1n << 2047n);
    // Inside every subgroup, with residues that differ from prime to prime: refused.
    const member = (index: number) => {
      const { inside } = subgroups[index] as (typeof subgroups)[number];
      return inside[index % inside.length] as bigint;
    };
    expect(rsaKeyWeakness(withResidues(member), 65537n)).toMatch(/ROCA fingerprint/);
    const ones = withResidues(() => 1n);
    expect(rsaKeyWeakness(ones, 65537n)).toMatch(/ROCA fingerprint/);
    // Outside one subgroup, inside the others: accepted, for every prime and its residues outside (0 among them).
    for (const [at, { prime, outside }] of subgroups.entries()) {
      expect(outside[0]).toBe(0n);
      for (const residue of outside.slice(0, 3)) {
        const modulus = withResidues((index) => (index === at ? residue : member(index)));
        expect(modulus % prime).toBe(residue);
        expect(rsaKeyWeakness(modulus, 65537n)).toBeUndefined();
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

describe('rsaKeyObjectWeakness', () => {
  it('answers as rsaKeyWeakness of the key numbers, for a good, an e = 1 and a ROCA key', () => {
    const pems = [createRsaKeyWithExponent(65537n), createRsaKeyWithExponent(1n), createRocaKey()].map(
      (k) => k.publicPem,
    );
    expect(pems.map((pem) => rsaKeyObjectWeakness(createPublicKey(pem)))).toEqual([
      undefined,
      'its public exponent is 1: below 3, anyone can forge its signatures',
      'its modulus has the ROCA fingerprint (CVE-2017-15361): its private key can be recovered',
    ]);
  });

  it('works each key object out once, and another object of the same key again', () => {
    const pem = createRsaKeyWithExponent(1n).publicPem;
    const [key, again] = [createPublicKey(pem), createPublicKey(pem)];
    const [exports, exportsAgain] = [vi.spyOn(key, 'export'), vi.spyOn(again, 'export')];
    expect(rsaKeyObjectWeakness(key)).toMatch(/exponent is 1/);
    expect(rsaKeyObjectWeakness(key)).toMatch(/exponent is 1/);
    expect(exports).toHaveBeenCalledTimes(1);
    expect(rsaKeyObjectWeakness(again)).toMatch(/exponent is 1/);
    expect(exportsAgain).toHaveBeenCalledTimes(1);
  });

  it('refuses a key that is not an RSA public key', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => rsaKeyObjectWeakness(publicKey)).toThrow(TypeError);
  });
});
