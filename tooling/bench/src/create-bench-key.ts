import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/** The algorithms the bench measures (SPEC §2's asymmetric set, one of each family). */
export const BENCH_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'] as const;
/** One of {@link BENCH_ALGORITHMS}. */
export type BenchAlgorithm = (typeof BENCH_ALGORITHMS)[number];

/** What every bench token claims and every contestant checks: a production configuration names both. */
export const BENCH_ISSUER = 'https://issuer.bench.example';
export const BENCH_AUDIENCE = 'bench-api';
export const BENCH_KID = 'bench-key-1';

/** A signing key pair and its public half in the forms the contestants are configured with. */
export interface BenchKey {
  alg: BenchAlgorithm;
  privateKey: KeyObject;
  publicPem: string;
  /** The public JWK with `kid`, `alg` and `use`, as a JWKS publishes it. */
  publicJwk: Record<string, unknown>;
}

/**
 * Generates a key pair for `alg` (RSA 2048 bits, P-256, Ed25519).
 *
 * @example
 * ```ts
 * const key = createBenchKey('RS256');
 * ```
 */
export function createBenchKey(alg: BenchAlgorithm, kid = BENCH_KID): BenchKey {
  const { privateKey, publicKey } =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : alg === 'EdDSA'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    alg,
    privateKey,
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' },
  };
}

/** A key pair from its PKCS#8 PEM (child processes receive keys this way). */
export function privateKeyFromPem(pem: string): KeyObject {
  return createPrivateKey(pem);
}

/** Options of {@link signBenchTokens}. */
export interface SignBenchTokensOptions {
  /** The `kid` header of every token; default {@link BENCH_KID}. A function gives each token its own. */
  kid?: string | ((index: number) => string);
  /** Distinguishes the tokens of one call from another's (their `sub` and `jti`). */
  prefix?: string;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Signs `count` distinct tokens (each its own `sub` and `jti`) carrying `iss`, `aud`, `iat`, `exp` (in two hours).
 * Signed with `node:crypto` directly: thousands of RSA tokens in seconds.
 *
 * @example
 * ```ts
 * const tokens = signBenchTokens(createBenchKey('ES256'), 1000);
 * ```
 */
export function signBenchTokens(key: BenchKey, count: number, options: SignBenchTokensOptions = {}): string[] {
  const now = Math.floor(Date.now() / 1000);
  const prefix = options.prefix ?? 't';
  const kidOf = typeof options.kid === 'function' ? options.kid : () => (options.kid as string) ?? BENCH_KID;
  const tokens: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const header = b64({ alg: key.alg, typ: 'JWT', kid: kidOf(index) });
    const payload = b64({
      sub: `user-${prefix}-${index}`,
      iss: BENCH_ISSUER,
      aud: BENCH_AUDIENCE,
      iat: now,
      exp: now + 7200,
      jti: `${prefix}-${index}`,
      scope: 'read write',
    });
    const input = Buffer.from(`${header}.${payload}`);
    const signature =
      key.alg === 'EdDSA'
        ? sign(null, input, key.privateKey)
        : key.alg === 'ES256'
          ? sign('sha256', input, { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
          : key.alg === 'PS256'
            ? sign('sha256', input, { key: key.privateKey, padding: 6, saltLength: 32 }) // RSA_PKCS1_PSS_PADDING
            : sign('sha256', input, key.privateKey);
    tokens.push(`${header}.${payload}.${signature.toString('base64url')}`);
  }
  return tokens;
}
