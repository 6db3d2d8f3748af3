// A minimal authorizer on jsonwebtoken with a pre-imported KeyObject. No EdDSA support.
import { createPublicKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { allow, bearerToken, peerConfig, type TokenEvent } from './peer-handler.ts';

const config = peerConfig();
const key = createPublicKey(config.publicKey);
const options = {
  algorithms: [config.algorithm as jwt.Algorithm],
  issuer: config.issuer,
  audience: config.audience,
};

export async function handler(event: TokenEvent) {
  const token = bearerToken(event);
  let sub: unknown;
  try {
    ({ sub } = jwt.verify(token, key, options) as jwt.JwtPayload);
  } catch {
    throw new Error('Unauthorized');
  }
  return allow(event, sub);
}
