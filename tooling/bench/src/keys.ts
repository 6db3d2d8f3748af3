import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/** The algorithms the warm targets name: one RSA (2048 bits), one ECDSA (P-256), one EdDSA (Ed25519). */
export const ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;
export type Alg = (typeof ALGORITHMS)[number];
/** What every bench token claims and every contestant is configured to require. */
export const ISSUER = 'https://issuer.bench.example';
export const AUDIENCE = 'bench-api';

/** A signing key; its public half as a PEM and as the JWK a JWKS publishes (with `kid`, `alg`, `use`). */
export type BenchKey = { alg: Alg; kid: string; privateKey: KeyObject; publicPem: string; publicJwk: object };

/**
 * A fresh key pair for `alg`.
 * @example const key = createBenchKey('ES256'); // key.kid === 'bench-es256'
 */
export function createBenchKey(alg: Alg): BenchKey {
  const { privateKey, publicKey } =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : alg === 'ES256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('ed25519');
  const kid = `bench-${alg.toLowerCase()}`;
  const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
  return { alg, kid, privateKey, publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(), publicJwk };
}

const json64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Signs `count` distinct tokens (own `sub` and `jti`) with `iss`, `aud`, `iat`, `exp` in two hours; `claims` and
 * `header` override. node:crypto directly: thousands of RSA tokens in seconds.
 * @example const [expired] = signTokens(key, 1, 'x', { exp: 1 });
 */
export function signTokens(key: BenchKey, count: number, prefix: string, claims = {}, header = {}): string[] {
  const now = Math.floor(Date.now() / 1000);
  const head = json64({ alg: key.alg, typ: 'JWT', kid: key.kid, ...header });
  return Array.from({ length: count }, (_, index) => {
    const body = { sub: `user-${prefix}-${index}`, iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 7200 };
    const input = `${head}.${json64({ ...body, jti: `${prefix}-${index}`, scope: 'read write', ...claims })}`;
    const digest = key.alg === 'EdDSA' ? null : 'sha256';
    const signature = sign(digest, Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    return `${input}.${signature.toString('base64url')}`;
  });
}
