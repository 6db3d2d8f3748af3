// The SSM baseline: a minimal jose handler whose key is a SecureString read with the AWS SDK on the first
// invocation, the SDK taken from its ESM build (the bench bundles it with mainFields ['module', 'main']).
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type CryptoKey, importSPKI, jwtVerify } from 'jose';
import { allow, bearerToken, type TokenEvent } from './peer-handler.ts';

const parameterName = process.env['JWT_PUBLIC_KEY_SSM_PARAMETER'] ?? '';
const algorithm = process.env['JWT_ALGORITHMS'] ?? 'RS256';
const issuer = process.env['JWT_ISSUER'] ?? '';
const audience = process.env['JWT_AUDIENCE'] ?? '';
const ssm = new SSMClient({});
let key: Promise<CryptoKey> | undefined;

async function loadKey(): Promise<CryptoKey> {
  const { Parameter } = await ssm.send(new GetParameterCommand({ Name: parameterName, WithDecryption: true }));
  return importSPKI(Parameter?.Value ?? '', algorithm);
}

export async function handler(event: TokenEvent) {
  const token = bearerToken(event);
  key ??= loadKey();
  let sub: unknown;
  try {
    ({
      payload: { sub },
    } = await jwtVerify(token, await key, { algorithms: [algorithm], issuer, audience, requiredClaims: ['exp'] }));
  } catch {
    throw new Error('Unauthorized');
  }
  return allow(event, sub);
}
