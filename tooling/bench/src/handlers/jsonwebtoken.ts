// A minimal handler on jsonwebtoken with a pre-imported KeyObject. PEM only (it fetches no JWKS), no EdDSA.
import { createPublicKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { authorize, requireEnv, type TokenEvent } from './policy.ts';

const key = createPublicKey(requireEnv('JWT_PUBLIC_KEY'));
const options = {
  algorithms: [requireEnv('JWT_ALGORITHMS') as jwt.Algorithm],
  issuer: requireEnv('JWT_ISSUER'),
  audience: requireEnv('JWT_AUDIENCE'),
};

export const handler = (event: TokenEvent) => authorize(event, (token) => jwt.verify(token, key, options));
