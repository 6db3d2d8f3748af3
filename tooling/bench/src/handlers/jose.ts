// A minimal handler on jose's jwtVerify: keys from createRemoteJWKSet when JWKS_URI is set, else importSPKI.
import { type CryptoKey, createRemoteJWKSet, importSPKI, jwtVerify } from 'jose';
import { authorize, requireEnv, type TokenEvent } from './policy.ts';

const alg = requireEnv('JWT_ALGORITHMS');
const options = { algorithms: [alg], issuer: requireEnv('JWT_ISSUER'), audience: requireEnv('JWT_AUDIENCE') };
const jwksUri = process.env['JWKS_URI'];
const jwks = jwksUri ? createRemoteJWKSet(new URL(jwksUri)) : undefined;
const key = jwks ? undefined : await importSPKI(requireEnv('JWT_PUBLIC_KEY'), alg);

async function verify(token: string) {
  const { payload } = jwks ? await jwtVerify(token, jwks, options) : await jwtVerify(token, key as CryptoKey, options);
  return payload;
}

export const handler = (event: TokenEvent) => authorize(event, verify);
