import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * The public numbers of an RSA key as a JWK (`kty`, `n`, `e`; RFC 7518 §6.3.1), whether the key is typed
 * rsaEncryption or RSASSA-PSS (`id-RSASSA-PSS`, RFC 4055 §3.1). Node exports the first as a JWK but refuses the
 * second (ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE), and WebCrypto does not import it: for it, the RSAPublicKey is
 * taken out of the SubjectPublicKeyInfo's BIT STRING by hand (RFC 5280 §4.1, RFC 8017 §A.1.1), a few DER
 * lengths, and read back by Node as a PKCS#1 key.
 *
 * @throws {TypeError} when `key` is not an RSA public key.
 * @example
 * ```ts
 * rsaPublicJwk(createPublicKey(pssPem)); // { kty: 'RSA', n: '0vx7...', e: 'AQAB' }
 * ```
 */
export function rsaPublicJwk(key: KeyObject): { kty: 'RSA'; n: string; e: string } {
  const type = key.asymmetricKeyType;
  if (key.type !== 'public' || (type !== 'rsa' && type !== 'rsa-pss')) throw new TypeError('not an RSA public key');
  const rsa = type === 'rsa' ? key : pkcs1Of(key.export({ format: 'der', type: 'spki' }));
  const { n, e } = rsa.export({ format: 'jwk' });
  return { kty: 'RSA', n: n as string, e: e as string };
}

function pkcs1Of(spki: Buffer): KeyObject {
  const outer = readTlv(spki, 0, 0x30); // SubjectPublicKeyInfo
  const algorithm = readTlv(spki, outer.start, 0x30); // AlgorithmIdentifier, skipped
  const bits = readTlv(spki, algorithm.end, 0x03); // subjectPublicKey BIT STRING: 0 unused bits, then RSAPublicKey
  return createPublicKey({ key: spki.subarray(bits.start + 1, bits.end), format: 'der', type: 'pkcs1' });
}

/** One DER tag-length-value at `offset`, which must have `tag`: where its content starts and ends. */
function readTlv(der: Buffer, offset: number, tag: number): { start: number; end: number } {
  if (der[offset] !== tag) throw new TypeError('not an RSA SubjectPublicKeyInfo');
  const first = der[offset + 1] ?? 0;
  let length = first;
  let start = offset + 2;
  if (first & 0x80) {
    length = 0;
    for (let i = 0; i < (first & 0x7f); i += 1) length = length * 256 + (der[start + i] ?? 0);
    start += first & 0x7f;
  }
  return { start, end: start + length };
}
