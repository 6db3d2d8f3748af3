import { generateKeyPairSync } from 'node:crypto';
import {
  exportJWK,
  exportSPKI,
  type GenerateKeyPairResult,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';

/** A freshly generated signing key pair, with its public half in the forms deployers paste. */
export interface TestKey {
  alg: 'RS256' | 'PS256' | 'ES256' | 'EdDSA';
  privateKey: GenerateKeyPairResult['privateKey'];
  publicPem: string;
  publicJwk: JWK;
}

/** Generates a key pair for `alg` (RSA keys of 2048 bits). */
export async function createTestKey(alg: TestKey['alg']): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, privateKey, publicPem: await exportSPKI(publicKey), publicJwk: await exportJWK(publicKey) };
}

/** The public half of an RSA key too short to be accepted (jose will not even generate one). */
export function createWeakRsaPublicKey(modulusLength = 1024): Pick<TestKey, 'publicPem' | 'publicJwk'> {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength });
  return {
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicJwk: publicKey.export({ format: 'jwk' }) as JWK,
  };
}

/** Options of {@link signToken}. */
export interface SignTokenOptions {
  /** Extra protected-header members (`kid`, `typ`, even hostile ones like `jwk`). */
  header?: Record<string, unknown>;
}

const NOW = () => Math.floor(Date.now() / 1000);

/** Signs `claims` with `key`. Unless given, `sub`, `iat` (now) and `exp` (in an hour) are added. */
export async function signToken(
  key: TestKey,
  claims: JWTPayload = {},
  options: SignTokenOptions = {},
): Promise<string> {
  return new SignJWT({ sub: 'user-1', iat: NOW(), exp: NOW() + 3600, ...claims })
    .setProtectedHeader({ ...options.header, alg: key.alg })
    .sign(key.privateKey);
}

/** Base64url of a JSON value, for tokens built by hand. */
export function b64json(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An unsigned token (`alg: none`, empty signature), as an attacker would send it. */
export function unsignedToken(claims: JWTPayload): string {
  return `${b64json({ alg: 'none', typ: 'JWT' })}.${b64json(claims)}.`;
}

/** The algorithm-confusion token: HS256 with the public key's PEM text as the HMAC secret (RFC 8725 §2.1). */
export async function hmacWithPublicKeyToken(key: TestKey, claims: JWTPayload = {}): Promise<string> {
  return new SignJWT({ sub: 'user-1', exp: NOW() + 3600, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(key.publicPem));
}

/** `token` with its payload replaced and the original signature kept. */
export function withPayload(token: string, claims: JWTPayload): string {
  const [header, , signature] = token.split('.');
  return `${header}.${b64json(claims)}.${signature}`;
}
