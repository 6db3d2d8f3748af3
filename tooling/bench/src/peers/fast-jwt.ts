// A minimal authorizer on fast-jwt, with its verified-token cache on (what a user picking it for speed would do).
import { createVerifier } from 'fast-jwt';
import { allow, bearerToken, peerConfig, type TokenEvent } from './peer-handler.ts';

const config = peerConfig();
const verify = createVerifier({
  key: config.publicKey,
  algorithms: [config.algorithm as 'RS256'],
  allowedIss: config.issuer,
  allowedAud: config.audience,
  requiredClaims: ['exp'],
  cache: 1000,
});

export async function handler(event: TokenEvent) {
  const token = bearerToken(event);
  let sub: unknown;
  try {
    ({ sub } = verify(token) as { sub?: unknown });
  } catch {
    throw new Error('Unauthorized');
  }
  return allow(event, sub);
}
