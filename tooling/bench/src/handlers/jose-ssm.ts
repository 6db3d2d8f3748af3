// The SSM baseline: jose, its key a SecureString read on the first invocation with @aws-sdk/client-ssm (the
// SDK's ESM build, as ours bundles it).
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { type CryptoKey, importSPKI, jwtVerify } from 'jose';
import { authorize, requireEnv, type TokenEvent } from './policy.ts';

const alg = requireEnv('JWT_ALGORITHMS');
const name = requireEnv('JWT_PUBLIC_KEY_SSM_PARAMETER');
const options = { algorithms: [alg], issuer: requireEnv('JWT_ISSUER'), audience: requireEnv('JWT_AUDIENCE') };
const ssm = new SSMClient({});
let key: Promise<CryptoKey> | undefined;

async function loadKey() {
  const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  return importSPKI(Parameter?.Value ?? '', alg);
}

async function verify(token: string) {
  key ??= loadKey();
  return (await jwtVerify(token, await key, options)).payload;
}

export const handler = (event: TokenEvent) => authorize(event, verify);
