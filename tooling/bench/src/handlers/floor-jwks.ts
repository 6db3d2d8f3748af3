// The cold-start floor for JWKS_URI: one node:https GET of the set on the first invocation, the key of the
// configured algorithm imported with createPublicKey({ format: 'jwk' }), then node:crypto.
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { get } from 'node:https';
import { createFloorVerifier } from '../floor-verifier.ts';
import { authorize, requireEnv, type TokenEvent } from './policy.ts';

const alg = requireEnv('JWT_ALGORITHMS');
const options = { alg, issuer: requireEnv('JWT_ISSUER'), audience: requireEnv('JWT_AUDIENCE') };
let verifyFloor: Promise<(token: string) => unknown> | undefined;

function fetchJwks(url: string): Promise<{ keys: JsonWebKey[] }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    }).on('error', reject);
  });
}

async function load() {
  const { keys } = await fetchJwks(requireEnv('JWKS_URI'));
  const jwk = keys.find((key) => key['alg'] === alg);
  if (!jwk) throw new Error(`the JWKS holds no ${alg} key`);
  return createFloorVerifier({ ...options, key: createPublicKey({ key: jwk, format: 'jwk' }) });
}

export async function handler(event: TokenEvent) {
  verifyFloor ??= load();
  return authorize(event, await verifyFloor);
}
