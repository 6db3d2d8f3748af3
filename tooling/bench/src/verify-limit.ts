import { constants, type KeyObject, verify } from 'node:crypto';

/** Options of {@link createLimitVerifier}. */
export interface LimitVerifierOptions {
  alg: 'RS256' | 'PS256' | 'ES256' | 'EdDSA';
  key: KeyObject;
  issuer: string;
  audience: string;
  /**
   * `bare` (default): the fastest `crypto.verify` call Node 24 offers for the algorithm. The others are for
   * reference only: `options-object` passes `{ key, padding }` for RSA; `ieee-p1363` lets OpenSSL take ES256's
   * r||s signature (`dsaEncoding`) instead of converting it to DER here.
   */
  variant?: 'bare' | 'options-object' | 'ieee-p1363';
  /** Leeway for `exp`, `nbf`, `iat` in seconds. Default 30. */
  clockToleranceSeconds?: number;
}

/** The verified claims. */
export interface LimitClaims {
  sub: string;
  exp?: unknown;
  nbf?: unknown;
  iat?: unknown;
  iss?: unknown;
  aud?: unknown;
  [claim: string]: unknown;
}

/**
 * The limit: what it costs to verify a compact JWS in JavaScript at all. Splits, base64url-decodes and parses the
 * header and payload, checks `alg`, verifies the signature with `node:crypto` and a pre-imported `KeyObject`, and
 * checks `exp`, `nbf`, `iat`, `iss`, `aud`. Nothing else: no key selection, no typed errors, no policy.
 *
 * PS256 cannot take a bare key: Node selects PSS only through the options object (`padding`), so its limit pays
 * for that object, as every PS256 verifier must.
 *
 * @throws {Error} on any refusal (the message names it; the bench never sends a bad token).
 * @example
 * ```ts
 * const verifyLimit = createLimitVerifier({ alg: 'RS256', key: createPublicKey(pem), issuer, audience });
 * const claims = verifyLimit(token);
 * ```
 */
export function createLimitVerifier(options: LimitVerifierOptions): (token: string) => LimitClaims {
  const { alg, key, issuer, audience } = options;
  const variant = options.variant ?? 'bare';
  const tolerance = options.clockToleranceSeconds ?? 30;
  const digest = alg === 'EdDSA' ? null : 'sha256';
  const keyInput =
    alg === 'PS256'
      ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
      : variant === 'options-object'
        ? { key, padding: constants.RSA_PKCS1_PADDING }
        : variant === 'ieee-p1363'
          ? { key, dsaEncoding: 'ieee-p1363' as const }
          : key;
  const toDer = alg === 'ES256' && variant !== 'ieee-p1363';

  return function verifyLimit(token: string): LimitClaims {
    const first = token.indexOf('.');
    const second = token.indexOf('.', first + 1);
    if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) throw new Error('malformed token');
    const header = JSON.parse(Buffer.from(token.slice(0, first), 'base64url').toString('utf8')) as { alg?: unknown };
    if (header.alg !== alg) throw new Error('alg not allowed');
    const claims = JSON.parse(Buffer.from(token.slice(first + 1, second), 'base64url').toString('utf8')) as LimitClaims;
    const raw = Buffer.from(token.slice(second + 1), 'base64url');
    const signature = toDer ? p1363ToDer(raw) : raw;
    if (!verify(digest, Buffer.from(token.slice(0, second), 'latin1'), keyInput, signature)) {
      throw new Error('bad signature');
    }
    const now = Date.now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp <= now - tolerance) throw new Error('expired');
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now + tolerance)) {
      throw new Error('not yet valid');
    }
    if (claims.iat !== undefined && (typeof claims.iat !== 'number' || claims.iat > now + tolerance)) {
      throw new Error('issued in the future');
    }
    if (claims.iss !== issuer) throw new Error('wrong issuer');
    const aud = claims.aud;
    if (aud !== audience && !(Array.isArray(aud) && aud.includes(audience))) throw new Error('wrong audience');
    if (typeof claims.sub !== 'string' || claims.sub === '') throw new Error('no subject');
    return claims;
  };
}

/**
 * JWS ES256 signatures are r||s (RFC 7518 §3.4); OpenSSL verifies DER. Converting here is cheaper on Node 24 than
 * `dsaEncoding: 'ieee-p1363'`. P-256 only: the sequence stays under 128 bytes, so its length is one byte.
 */
export function p1363ToDer(signature: Buffer): Buffer {
  if (signature.length !== 64) throw new Error('bad signature length');
  const rStart = integerStart(signature, 0);
  const sStart = integerStart(signature, 32);
  const rPad = (signature[rStart] ?? 0) >= 0x80 ? 1 : 0;
  const sPad = (signature[sStart] ?? 0) >= 0x80 ? 1 : 0;
  const rLength = 32 - rStart + rPad;
  const sLength = 64 - sStart + sPad;
  const der = Buffer.alloc(6 + rLength + sLength);
  der[0] = 0x30;
  der[1] = 4 + rLength + sLength;
  der[2] = 0x02;
  der[3] = rLength;
  signature.copy(der, 4 + rPad, rStart, 32);
  der[4 + rLength] = 0x02;
  der[5 + rLength] = sLength;
  signature.copy(der, 6 + rLength + sPad, sStart, 64);
  return der;
}

/** Index of the first byte of the minimal unsigned integer in `signature[offset, offset + 32)`. */
function integerStart(signature: Buffer, offset: number): number {
  let index = offset;
  while (index < offset + 31 && signature[index] === 0) index += 1;
  return index;
}
