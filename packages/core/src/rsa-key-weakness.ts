import type { KeyObject } from 'node:crypto';
import { MIN_RSA_BITS } from './algorithms.js';
import { rsaPublicJwk } from './rsa-public-jwk.js';

/**
 * Why an RSA public key must not verify anything, or undefined when it may: a modulus under {@link MIN_RSA_BITS}
 * bits (RFC 7518 §3.3), a public exponent below 3 (with e = 1 the "signature" is the padded message itself, so
 * anyone can forge one), an even exponent (no RSA key has one: RFC 8017 §3.1), or a modulus with the ROCA
 * fingerprint (CVE-2017-15361: Infineon RSALib primes, whose private key can be recovered). Run once per key,
 * where a key source parses its keys and where core first meets a key, never per request.
 *
 * @example
 * ```ts
 * rsaKeyWeakness(n, 1n); // 'its public exponent is 1: below 3, anyone can forge its signatures'
 * ```
 */
export function rsaKeyWeakness(modulus: bigint, exponent: bigint): string | undefined {
  const bits = modulus.toString(2).length;
  if (bits < MIN_RSA_BITS) return `RSA key of ${bits} bits; at least ${MIN_RSA_BITS} are required (RFC 7518 §3.3)`;
  if (exponent < 3n) return `its public exponent is ${exponent}: below 3, anyone can forge its signatures`;
  if (exponent % 2n === 0n) return 'its public exponent is even, which no RSA key has (RFC 8017 §3.1)';
  if (hasRocaFingerprint(modulus)) {
    return 'its modulus has the ROCA fingerprint (CVE-2017-15361): its private key can be recovered';
  }
  return undefined;
}

/** A big-endian unsigned integer, as JWK members `n` and `e` carry it (RFC 7518 §6.3.1), as a bigint. */
export function base64urlUint(value: string): bigint {
  const hex = Buffer.from(value, 'base64url').toString('hex');
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

// The fingerprint test published with the attack (Nemec et al., "The Return of Coppersmith's Attack", ACM CCS
// 2017; the detector of github.com/crocs-muni/roca): RSALib's primes are k * M + (65537^a mod M), so a modulus
// made of them lies, modulo each of these small primes, in the subgroup that 65537 generates. A random modulus
// passes all 38 tests with a probability of about 2^-30 (the product of each subgroup's share of its residues),
// so a match is refused, not warned about.
//
// Each prime p is tested with the order k of 65537 modulo p, the size of that subgroup: the multiplicative group
// mod p is cyclic, so its only subgroup of k elements is the set of x with x^k = 1 (mod p), and membership is one
// power. The orders are found on the first RSA key, in one pass of one call. The detector's residue tables, built
// there by a function called per prime, drew the optimizing compiler: half a millisecond of a cold start.
export const ROCA_PRIMES = [
  3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113,
  127, 131, 137, 139, 149, 151, 157, 163, 167,
];
let subgroups: Array<readonly [prime: bigint, order: bigint]> | undefined;

function rocaSubgroups(): Array<readonly [prime: bigint, order: bigint]> {
  const found: Array<readonly [prime: bigint, order: bigint]> = [];
  for (const prime of ROCA_PRIMES) {
    let order = 1;
    for (let power = 65537 % prime; power !== 1; order += 1) power = (power * 65537) % prime;
    found.push([BigInt(prime), BigInt(order)]);
  }
  return found;
}

function hasRocaFingerprint(modulus: bigint): boolean {
  subgroups ??= rocaSubgroups();
  return subgroups.every(([prime, order]) => (modulus % prime) ** order % prime === 1n);
}

const weaknesses = new WeakMap<KeyObject, string | undefined>();

/**
 * {@link rsaKeyWeakness} of an RSA public `KeyObject` (rsaEncryption or RSASSA-PSS), worked out once per object: a
 * key source checks each key it parses and core each key it first meets, and for the same object the second asks a
 * map (a tenth of a millisecond of every cold start, the export and the powers).
 *
 * @throws {TypeError} when `key` is not an RSA public key.
 * @example
 * ```ts
 * if (rsaKeyObjectWeakness(createPublicKey(pem))) throw new Error('refused');
 * ```
 */
export function rsaKeyObjectWeakness(key: KeyObject): string | undefined {
  if (!weaknesses.has(key)) {
    const { n, e } = rsaPublicJwk(key);
    weaknesses.set(key, rsaKeyWeakness(base64urlUint(n), base64urlUint(e)));
  }
  return weaknesses.get(key);
}
