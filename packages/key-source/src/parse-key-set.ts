import { createPublicKey, type JsonWebKey, type KeyObject, X509Certificate } from 'node:crypto';
import { type Algorithm, KeySourceError, keyTypeFor, rsaKeyObjectWeakness, rsaPublicJwk } from '@jwt-authorizer/core';
import type { JSONWebKeySet, JWK } from 'jose';

/** Options of {@link parseKeySet}. */
export interface ParseKeySetOptions {
  /** The accepted algorithms: a key that can verify none of them is left out. */
  algorithms: readonly Algorithm[];
  /**
   * Told why each member that was left out was, when others remain (so that the set is still used). `routine`:
   * the member was published for something else (another algorithm, key type or curve, encryption, a `key_ops`
   * without `verify`), as a provider's set often holds; otherwise (symmetric, not a valid JWK, a weak RSA key) it
   * is worth asking its publisher about.
   */
  onLeftOut?: (reason: string, routine: boolean) => void;
}

// RFC 7518 §6.2.2, §6.3.2, RFC 8037 §2: members only a private (or symmetric) key has.
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/**
 * Turns key material into a set of public verification keys: an SPKI PEM (`BEGIN PUBLIC KEY`), a PKCS#1 RSA PEM,
 * an X.509 certificate PEM, a JWK or a JWKS, as JSON text. PEM pasted with literal `\n` escapes is accepted.
 * Members that cannot verify a token with one of `algorithms` (symmetric, `use: enc`, no `verify` in `key_ops`,
 * another key type or curve) or must not (RSA under 2048 bits, a public exponent below 3 or even, a modulus with
 * the ROCA fingerprint: see `rsaKeyWeakness`) are left out, each reported to `onLeftOut`; if none is left, or any
 * member holds private key material, the whole set is refused. An RSASSA-PSS-typed PEM (`id-RSASSA-PSS`) verifies
 * the PS* algorithms its parameters allow, never RS*.
 *
 * @throws {KeySourceError} `invalid_key_material`, saying why; never quoting the key.
 * @example
 * ```ts
 * const jwks = parseKeySet(process.env.JWT_PUBLIC_KEY ?? '', { algorithms: ['RS256'] }); // { keys: [{ kty: 'RSA', ... }] }
 * ```
 */
export function parseKeySet(material: string, options: ParseKeySetOptions): JSONWebKeySet {
  const text = material.trim();
  const candidates =
    text.startsWith('-----BEGIN') || text.includes('\\n-----') ? pemToJwks(text, options.algorithms) : jsonToJwks(text);
  const refusals: Array<{ reason: string; routine: boolean }> = [];
  const keys = candidates.filter((jwk, index) => {
    const refusal = refuse(jwk, options.algorithms);
    if (refusal) {
      const member = `key ${index}${typeof jwk.kid === 'string' ? ` (kid ${JSON.stringify(jwk.kid)})` : ''}`;
      refusals.push({ reason: `${member}: ${refusal.reason}`, routine: refusal.routine });
    }
    return refusal === undefined;
  });
  if (keys.length === 0) {
    const reasons = refusals.map(({ reason }) => reason).join('; ') || 'the set is empty';
    throw invalid(`no usable verification key for ${options.algorithms.join(', ')}: ${reasons}`);
  }
  for (const { reason, routine } of refusals) options.onLeftOut?.(reason, routine);
  return { keys };
}

function invalid(message: string, cause?: unknown): KeySourceError {
  return new KeySourceError('invalid_key_material', message, cause === undefined ? undefined : { cause });
}

/**
 * The key object each member was read or checked as, for the checks and the key selector to use rather than import
 * the member again (a millisecond of an RSA key's cold start). By the member's identity: only the objects of a set
 * this module made are in it.
 */
export const importedKeys = new WeakMap<JWK, KeyObject>();

function pemToJwks(text: string, algorithms: readonly Algorithm[]): JWK[] {
  // Keys pasted into a single-line variable often arrive with literal "\n" escapes and Windows line ends.
  const pem = text.replaceAll('\\n', '\n').replaceAll('\r', '');
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) throw invalid('PEM holds a private key; give the public key');
  let key: KeyObject;
  try {
    key = pem.startsWith('-----BEGIN CERTIFICATE-----') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
  } catch (error) {
    throw invalid('PEM is not a public key or X.509 certificate', error);
  }
  if (key.asymmetricKeyType === 'rsa-pss') return pssJwks(key, algorithms);
  const jwk = key.export({ format: 'jwk' }) as JWK;
  // Checked as the object it was read as, not imported a second time. Not for RSASSA-PSS keys (above): their JWKs
  // cannot say "PSS only", and their key objects do.
  importedKeys.set(jwk, key);
  return [jwk];
}

// RFC 7518 §3.5: PS256/384/512 use MGF1 with the same hash and a salt as long as the hash.
const PSS = { PS256: ['sha256', 32], PS384: ['sha384', 48], PS512: ['sha512', 64] } as const;

/**
 * An RSASSA-PSS-typed key (RFC 4055 §3.1) as JWKs, one per PS* algorithm it may verify, each with its `alg`, so
 * that jose's selection never offers it to RS* (a JWK cannot say "PSS only" otherwise). A key whose parameters
 * restrict it (a hash, an MGF1 hash, a salt length) verifies only the algorithm they describe, and only if they
 * describe one of RFC 7518's; an unrestricted one verifies every configured PS* algorithm.
 */
function pssJwks(key: KeyObject, algorithms: readonly Algorithm[]): JWK[] {
  const { hashAlgorithm: hash, mgf1HashAlgorithm: mgf1, saltLength } = key.asymmetricKeyDetails ?? {};
  const allowed = (Object.keys(PSS) as (keyof typeof PSS)[]).filter((alg) => {
    const [digest, length] = PSS[alg];
    // A key's salt length is the least it accepts (RFC 4055 §3.1, as OpenSSL enforces it).
    return (hash ?? digest) === digest && (mgf1 ?? digest) === digest && (saltLength ?? 0) <= length;
  });
  const usable = allowed.filter((alg) => algorithms.includes(alg));
  if (usable.length === 0) {
    const params = hash === undefined ? 'unrestricted' : `${hash}, MGF1 ${mgf1}, salt ${saltLength} bytes`;
    throw invalid(
      `PEM holds an RSASSA-PSS key (${params}) that verifies ${allowed.join(', ') || 'no JOSE algorithm'}, ` +
        `none of ${algorithms.join(', ')}`,
    );
  }
  const jwk = rsaPublicJwk(key);
  return usable.map((alg) => ({ ...jwk, alg }));
}

function jsonToJwks(text: string): JWK[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid('key material is neither PEM nor JSON', error);
  }
  if (!isObject(parsed)) throw invalid('key material JSON is not a JWK or JWKS object');
  const keys = Array.isArray(parsed['keys']) ? parsed['keys'] : 'keys' in parsed ? undefined : [parsed];
  if (!keys?.every(isObject)) throw invalid('"keys" is not an array of JWK objects');
  for (const jwk of keys) {
    const member = PRIVATE_MEMBERS.find((name) => name !== 'k' && Object.hasOwn(jwk, name));
    // A set that holds private key material was never meant to be published: refuse it whole.
    if (member) throw invalid(`a key holds the private member "${member}"; give public keys only`);
  }
  return keys as JWK[];
}

const routine = (reason: string) => ({ reason, routine: true });
const suspect = (reason: string) => ({ reason, routine: false });

/** Why `jwk` cannot verify tokens of any of `algorithms` (see ParseKeySetOptions.onLeftOut), or undefined. */
function refuse(jwk: JWK, algorithms: readonly Algorithm[]): { reason: string; routine: boolean } | undefined {
  if (jwk.kty === 'oct' || Object.hasOwn(jwk, 'k')) return suspect('symmetric keys are never used');
  if (jwk.use !== undefined && jwk.use !== 'sig')
    return routine(`"use" is ${JSON.stringify(jwk.use)}, not "sig" (RFC 7517 §4.2)`);
  if (jwk.key_ops !== undefined && !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify'))) {
    return routine('"key_ops" does not include "verify" (RFC 7517 §4.3)');
  }
  const usable = algorithms.filter((alg) => {
    const type = keyTypeFor(alg);
    return (
      type.kty === jwk.kty &&
      (type.crv === undefined || type.crv === jwk.crv) &&
      (jwk.alg === undefined || jwk.alg === alg)
    );
  });
  if (usable.length === 0) {
    const kind = `a ${jwk.kty}${jwk.crv ? ` ${jwk.crv}` : ''} key${jwk.alg ? ` for ${jwk.alg}` : ''}`;
    return routine(`${kind} cannot verify ${algorithms.join(', ')}`);
  }
  let key: KeyObject;
  try {
    key = importedKeys.get(jwk) ?? createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch {
    return suspect('not a valid public JWK');
  }
  if (jwk.kty === 'RSA') {
    const weakness = rsaKeyObjectWeakness(key);
    if (weakness) return suspect(weakness);
  }
  importedKeys.set(jwk, key);
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
