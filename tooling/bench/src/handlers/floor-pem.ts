// The floor as a handler, key from an inline PEM: node:crypto and nothing else. The warm floor, and the cold-start
// floor for JWT_PUBLIC_KEY.
import { createPublicKey } from 'node:crypto';
import { createFloorVerifier } from '../floor-verifier.ts';
import { authorize, requireEnv, type TokenEvent } from './policy.ts';

const verifyFloor = createFloorVerifier({
  alg: requireEnv('JWT_ALGORITHMS'),
  key: createPublicKey(requireEnv('JWT_PUBLIC_KEY')),
  issuer: requireEnv('JWT_ISSUER'),
  audience: requireEnv('JWT_AUDIENCE'),
});

export const handler = (event: TokenEvent) => authorize(event, verifyFloor);
