// A minimal handler on aws-jwt-verify: JwtVerifier with jwksUri, which fetches the set over node:https.
import { JwtVerifier } from 'aws-jwt-verify';
import { authorize, requireEnv, type TokenEvent } from './policy.ts';

const verifier = JwtVerifier.create({
  issuer: requireEnv('JWT_ISSUER'),
  audience: requireEnv('JWT_AUDIENCE'),
  jwksUri: requireEnv('JWKS_URI'),
});

export const handler = (event: TokenEvent) => authorize(event, (token) => verifier.verify(token));
