import { type KeyObject, verify } from 'node:crypto';

/**
 * The floor: the least a correct verifier of a compact JWS does in JavaScript. Splits, base64url-decodes and
 * parses header and payload, checks `alg`, verifies the signature with node:crypto and a pre-imported
 * `KeyObject`, and checks `exp`, `iss` and `aud`. No key selection, leeway or typed errors.
 *
 * @throws {Error} on any refusal, naming it.
 * @example const { sub } = createFloorVerifier({ alg: 'RS256', key, issuer, audience })(token);
 */
export function createFloorVerifier(options: { alg: string; key: KeyObject; issuer: string; audience: string }) {
  const { alg, key, issuer, audience } = options;
  if (!['RS256', 'ES256', 'EdDSA'].includes(alg)) throw new Error(`the floor does not verify ${alg}`);
  const digest = alg === 'EdDSA' ? null : 'sha256';
  // JWS carries ES256 signatures as r||s (RFC 7518 §3.4), not the DER OpenSSL defaults to.
  const keyInput = alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' as const } : key;
  const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

  return function verifyFloor(token: string): Record<string, unknown> {
    const [header, payload, signature, extra] = token.split('.');
    if (header === undefined || payload === undefined || signature === undefined || extra !== undefined) {
      throw new Error('malformed token');
    }
    if (decode(header)?.alg !== alg) throw new Error('alg not allowed');
    const input = Buffer.from(token.slice(0, header.length + payload.length + 1), 'latin1');
    if (!verify(digest, input, keyInput, Buffer.from(signature, 'base64url'))) throw new Error('bad signature');
    const claims = decode(payload);
    if (typeof claims?.exp !== 'number' || claims.exp <= Date.now() / 1000) throw new Error('expired');
    if (claims.iss !== issuer) throw new Error('wrong issuer');
    if (claims.aud !== audience && !(Array.isArray(claims.aud) && claims.aud.includes(audience))) {
      throw new Error('wrong audience');
    }
    return claims;
  };
}
