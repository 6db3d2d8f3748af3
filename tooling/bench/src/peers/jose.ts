// A minimal authorizer on jose's jwtVerify: the handler most users of jose would write.
import { importSPKI, jwtVerify } from 'jose';
import { allow, bearerToken, peerConfig, type TokenEvent } from './peer-handler.ts';

const config = peerConfig();
const key = await importSPKI(config.publicKey, config.algorithm);

export async function handler(event: TokenEvent) {
  const token = bearerToken(event);
  let sub: unknown;
  try {
    ({
      payload: { sub },
    } = await jwtVerify(token, key, {
      algorithms: [config.algorithm],
      issuer: config.issuer,
      audience: config.audience,
      requiredClaims: ['exp'],
    }));
  } catch {
    throw new Error('Unauthorized');
  }
  return allow(event, sub);
}
