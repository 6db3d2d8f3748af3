// A minimal authorizer on aws-jwt-verify, the key given as a cached JWKS (it takes no PEM). No PS256 support.
import { createPublicKey } from 'node:crypto';
import { JwtVerifier } from 'aws-jwt-verify';
import { allow, bearerToken, peerConfig, type TokenEvent } from './peer-handler.ts';

const config = peerConfig();
const verifier = JwtVerifier.create({
  issuer: config.issuer,
  audience: config.audience,
  jwksUri: `${config.issuer}/.well-known/jwks.json`,
});
const jwk = createPublicKey(config.publicKey).export({ format: 'jwk' });
verifier.cacheJwks({
  keys: [{ ...jwk, kid: process.env['JWT_KID'] ?? 'bench-key-1', alg: config.algorithm, use: 'sig' }],
} as Parameters<typeof verifier.cacheJwks>[0]);

export async function handler(event: TokenEvent) {
  const token = bearerToken(event);
  let sub: unknown;
  try {
    ({ sub } = await verifier.verify(token));
  } catch {
    throw new Error('Unauthorized');
  }
  return allow(event, sub);
}
