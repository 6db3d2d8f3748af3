import { constants, KeyObject, verify, type webcrypto } from 'node:crypto';
import { type Algorithm, MIN_RSA_BITS } from './algorithms.js';
import { rsaKeyObjectWeakness } from './rsa-key-weakness.js';

// RFC 7518 §3.1: the digest of each algorithm; EdDSA has none (RFC 8037 §3.1).
const DIGEST: Record<Algorithm, string | null> = {
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
  PS256: 'sha256',
  PS384: 'sha384',
  PS512: 'sha512',
  ES256: 'sha256',
  ES384: 'sha384',
  ES512: 'sha512',
  EdDSA: null,
  Ed25519: null,
};
// RFC 7518 §3.4: the curve of each ECDSA algorithm and the byte length of r and of s in the JWS signature.
const CURVE = { ES256: ['prime256v1', 32], ES384: ['secp384r1', 48], ES512: ['secp521r1', 66] } as const;

const keyObjects = new WeakMap<object, KeyObject>();

/**
 * Checks a JWS signature with `node:crypto`, synchronously. jose (which selects and imports the key) verifies
 * through WebCrypto, which hands every verification to libuv's thread pool and back; on a 2-vCPU Lambda that
 * hand-off costs more than an RS256 verification itself (docs/architecture.md, Why node:crypto). So the signature is
 * checked here, by hand: the key is jose's, only the last step is ours.
 *
 * @returns whether the signature verifies; false for a signature of the wrong length or encoding.
 * @param key a `KeyObject` or a WebCrypto `CryptoKey`, as jose's key selection returns it.
 * @throws {TypeError} when the key cannot be used with `alg` (a key source bug: the request fails with 500).
 * @example
 * ```ts
 * const ok = verifySignature('RS256', key, 'eyJhbGciOi...eyJzdWIiOi...', signatureBytes);
 * ```
 */
export function verifySignature(alg: Algorithm, key: unknown, signingInput: string, signature: Buffer): boolean {
  const keyObject = toKeyObject(key);
  checkKey(alg, keyObject);
  const data = Buffer.from(signingInput, 'latin1'); // base64url text: ASCII
  const digest = DIGEST[alg];
  try {
    if (alg === 'ES256' || alg === 'ES384' || alg === 'ES512') {
      const size = CURVE[alg][1];
      // RFC 7518 §3.4: exactly r || s, each `size` bytes. A DER signature, or any other length, is refused.
      if (signature.length !== 2 * size) return false;
      return verify(digest, data, keyObject, rawToDer(signature, size));
    }
    if (alg === 'PS256' || alg === 'PS384' || alg === 'PS512') {
      // RFC 7518 §3.5: MGF1 with the same digest and a salt as long as the digest.
      const options = {
        key: keyObject,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
      };
      return verify(digest, data, options, signature);
    }
    // A bare KeyObject: on Node 24 an options object costs 9-12 us more per RSA verification.
    return verify(digest, data, keyObject, signature);
  } catch {
    return false; // OpenSSL refuses some malformed signatures instead of returning false
  }
}

/** jose hands out WebCrypto keys; node:crypto wants a KeyObject. Converted once per key object, then reused. */
function toKeyObject(key: unknown): KeyObject {
  if (key instanceof KeyObject) return key;
  if (typeof key !== 'object' || key === null) throw new TypeError('the key source returned no key object');
  let keyObject = keyObjects.get(key);
  if (!keyObject) {
    keyObject = KeyObject.from(key as webcrypto.CryptoKey); // throws TypeError for anything but a CryptoKey
    keyObjects.set(key, keyObject);
  }
  return keyObject;
}

// Keys already found fit for an algorithm: the KeyObject getters below each cross into C++ and allocate.
const checked = new WeakMap<KeyObject, Algorithm>();

function checkKey(alg: Algorithm, key: KeyObject): void {
  if (checked.get(key) === alg) return;
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails;
  let usable: boolean;
  if (alg.startsWith('RS')) usable = type === 'rsa' && (details?.modulusLength ?? 0) >= MIN_RSA_BITS;
  else if (alg.startsWith('PS'))
    usable = (type === 'rsa' || type === 'rsa-pss') && (details?.modulusLength ?? 0) >= MIN_RSA_BITS;
  else if (alg === 'ES256' || alg === 'ES384' || alg === 'ES512')
    usable = type === 'ec' && details?.namedCurve === CURVE[alg][0];
  else usable = type === 'ed25519';
  if (key.type !== 'public' || !usable) {
    const bits = details?.modulusLength;
    const why =
      key.type !== 'public'
        ? 'it is not a public key'
        : bits !== undefined && bits < MIN_RSA_BITS
          ? `RSA keys under ${MIN_RSA_BITS} bits are refused (this one has ${bits} bits)`
          : `it is a ${type ?? 'symmetric'} key${details?.namedCurve ? ` on ${details.namedCurve}` : ''}`;
    throw new TypeError(`the selected key cannot verify ${alg}: ${why}`);
  }
  if (type === 'rsa' || type === 'rsa-pss') {
    // The key sources of @jwt-authorizer/key-source leave such keys out already, and checked this object (the map
    // answers); a key source of another kind may not have.
    const weakness = rsaKeyObjectWeakness(key);
    if (weakness) throw new TypeError(`the selected key cannot verify ${alg}: ${weakness}`);
  }
  checked.set(key, alg);
}

/** r || s (each `size` bytes) as the DER `SEQUENCE { INTEGER r, INTEGER s }` OpenSSL expects (RFC 3279 §2.2.3). */
function rawToDer(signature: Buffer, size: number): Buffer {
  const rStart = firstSignificant(signature, 0, size);
  const sStart = firstSignificant(signature, size, size);
  const rLength = size - rStart;
  const sLength = 2 * size - sStart;
  // A set high bit would read as negative: such an integer gets a zero byte in front.
  const rPad = (signature[rStart] as number) >> 7;
  const sPad = (signature[sStart] as number) >> 7;
  const length = 4 + rPad + rLength + sPad + sLength;
  const head = length < 0x80 ? 2 : 3;
  // One buffer from Node's pool, every byte of it written below. Made of four buffers (two of them ArrayBuffers of
  // their own), the conversion took 0.6 to 1.1 us here, against 0.2 to 0.6 us, on every ES* verification.
  const der = Buffer.allocUnsafe(head + length);
  let at = 0;
  der[at++] = 0x30;
  if (head === 3) der[at++] = 0x81;
  der[at++] = length;
  der[at++] = 0x02;
  der[at++] = rPad + rLength;
  if (rPad) der[at++] = 0;
  at += signature.copy(der, at, rStart, size);
  der[at++] = 0x02;
  der[at++] = sPad + sLength;
  if (sPad) der[at++] = 0;
  signature.copy(der, at, sStart, 2 * size);
  return der;
}

/** Where the integer of `size` bytes at `from` starts without its leading zero bytes (keeping one for zero). */
function firstSignificant(bytes: Buffer, from: number, size: number): number {
  let start = from;
  while (start < from + size - 1 && bytes[start] === 0) start += 1;
  return start;
}
