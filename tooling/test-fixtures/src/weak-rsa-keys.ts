import {
  checkPrimeSync,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
} from 'node:crypto';
import type { JWK, JWTPayload } from 'jose';
import { b64json, type TestKey } from './keys.ts';

// Keys made for the purpose: RSA public keys a trusted key source could hand out and that must never verify.

const b64uint = (value: bigint) => {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('base64url');
};
const uint = (value: string) => BigInt(`0x${Buffer.from(value, 'base64url').toString('hex')}`);
const bitLength = (value: bigint) => value.toString(2).length;

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/**
 * The inverse of `value` modulo `modulus` (extended Euclid).
 * @throws {Error} when they share a factor.
 * @example modInverse(3n, 7n); // 5n
 */
export function modInverse(value: bigint, modulus: bigint): bigint {
  let [r0, r1] = [value % modulus, modulus];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new Error('not invertible');
  return ((s0 % modulus) + modulus) % modulus;
}

const randomBigInt = (bits: number) =>
  BigInt(`0x${randomBytes(Math.ceil(bits / 8)).toString('hex')}`) >> BigInt(Math.ceil(bits / 8) * 8 - bits);

/** The primorial of the first 126 primes (2 to 701): RSALib's M for keys of 1,984 to 3,936 bits. */
function rocaPrimorial(): bigint {
  let m = 1n;
  let count = 0;
  for (let candidate = 2; count < 126; candidate += 1) {
    let prime = true;
    for (let d = 2; d * d <= candidate; d += 1) if (candidate % d === 0) prime = false;
    if (prime) {
      m *= BigInt(candidate);
      count += 1;
    }
  }
  return m;
}

/** A 1,024-bit prime of RSALib's form, k * M + (65537^a mod M) (Nemec et al., ACM CCS 2017, §2.3). */
function rocaPrime(m: bigint): bigint {
  const kBits = 1024 - bitLength(m);
  for (;;) {
    const k = randomBigInt(kBits) | (1n << BigInt(kBits - 1));
    const p = k * m + modPow(65537n, randomBigInt(62), m);
    if (bitLength(p) === 1024 && (p - 1n) % 65537n !== 0n && checkPrimeSync(p)) return p;
  }
}

/**
 * A 2,048-bit RSA key pair with the structure of CVE-2017-15361 (ROCA): both primes of RSALib's form, so its
 * modulus carries the fingerprint, with its private key, so that the valid tokens it signs can be shown refused.
 * Generated here, in a fraction of a second; e = 65537.
 */
export function createRocaKey(): TestKey {
  const m = rocaPrimorial();
  for (;;) {
    const [p, q] = [rocaPrime(m), rocaPrime(m)];
    const n = p * q;
    if (p === q || bitLength(n) !== 2048) continue;
    const e = 65537n;
    const d = modInverse(e, (p - 1n) * (q - 1n));
    const jwk = {
      kty: 'RSA',
      n: b64uint(n),
      e: b64uint(e),
      d: b64uint(d),
      p: b64uint(p),
      q: b64uint(q),
      dp: b64uint(d % (p - 1n)),
      dq: b64uint(d % (q - 1n)),
      qi: b64uint(modInverse(q, p)),
    };
    const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
    const publicKey = createPublicKey(privateKey);
    return {
      alg: 'RS256',
      privateKey: privateKey as unknown as TestKey['privateKey'],
      publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      publicJwk: publicKey.export({ format: 'jwk' }) as JWK,
    };
  }
}

/** An RSA public key of 2,048 bits whose public exponent is `exponent` (1 by default), and a modulus of a real key. */
export function createRsaKeyWithExponent(exponent = 1n): Pick<TestKey, 'publicPem' | 'publicJwk'> {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { n } = publicKey.export({ format: 'jwk' });
  const jwk = { kty: 'RSA', n: n as string, e: b64uint(exponent) };
  return {
    publicJwk: jwk,
    publicPem: createPublicKey({ key: jwk, format: 'jwk' }).export({ format: 'pem', type: 'spki' }).toString(),
  };
}

// RFC 8017 §9.2: the DER DigestInfo prefix of SHA-256.
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A token "signed" for an RSA key whose public exponent is 1, without any private key: with e = 1 the
 * signature s verifies when s mod n is the EMSA-PKCS1-v1_5 encoding of the hash (RFC 8017 §9.2), so the encoding
 * itself is the signature. Anyone holding the public key can forge any token this way.
 */
export function forgeExponentOneToken(
  key: Pick<TestKey, 'publicJwk'>,
  claims: JWTPayload,
  header: Record<string, unknown> = {},
): string {
  const input = `${b64json({ ...header, alg: 'RS256' })}.${b64json(claims)}`;
  const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, createHash('sha256').update(input).digest()]);
  const size = Math.ceil(bitLength(uint(key.publicJwk.n as string)) / 8);
  const encoded = Buffer.concat([
    Buffer.from([0, 1]),
    Buffer.alloc(size - 3 - digestInfo.length, 0xff),
    Buffer.from([0]),
    digestInfo,
  ]);
  return `${input}.${encoded.toString('base64url')}`;
}
