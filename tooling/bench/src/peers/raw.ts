// The limit as a handler: node:crypto and nothing else. The floor for cold start and memory.
import { createPublicKey } from 'node:crypto';
import { createLimitVerifier } from '../verify-limit.ts';
import { allow, bearerToken, peerConfig, type TokenEvent } from './peer-handler.ts';

const config = peerConfig();
const verifyLimit = createLimitVerifier({
  alg: config.algorithm as 'RS256',
  key: createPublicKey(config.publicKey),
  issuer: config.issuer,
  audience: config.audience,
});

export async function handler(event: TokenEvent) {
  const token = bearerToken(event);
  let sub: unknown;
  try {
    ({ sub } = verifyLimit(token));
  } catch {
    throw new Error('Unauthorized');
  }
  return allow(event, sub);
}
