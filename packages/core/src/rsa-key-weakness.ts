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
// power. The orders are written out, not worked out when the first RSA key comes: that was some 2,000 turns of an
// interpreted loop, about a quarter of a millisecond of every cold start with an RSA key, for 38 numbers that never
// change (the tests work each one out again from the powers of 65537).
// biome-ignore format: a table of pairs, not one pair to a line
export const ROCA_SUBGROUPS: ReadonlyArray<readonly [prime: bigint, order: bigint]> = [
  [3n, 2n], [5n, 4n], [7n, 6n], [11n, 2n], [13n, 6n], [17n, 8n], [19n, 9n], [23n, 22n], [29n, 28n], [31n, 30n],
  [37n, 3n], [41n, 40n], [43n, 42n], [47n, 46n], [53n, 26n], [59n, 58n], [61n, 20n], [67n, 66n], [71n, 35n],
  [73n, 24n], [79n, 13n], [83n, 82n], [89n, 88n], [97n, 6n], [101n, 100n], [103n, 51n], [107n, 53n], [109n, 54n],
  [113n, 112n], [127n, 42n], [131n, 130n], [137n, 136n], [139n, 138n], [149n, 148n], [151n, 50n], [157n, 78n],
  [163n, 162n], [167n, 166n],
];

function hasRocaFingerprint(modulus: bigint): boolean {
  return ROCA_SUBGROUPS.every(([prime, order]) => (modulus % prime) ** order % prime === 1n);
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
