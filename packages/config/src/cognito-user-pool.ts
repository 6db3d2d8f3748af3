import { type Env, invalid, keyUrl, value } from './read-variable.js';

/** An Amazon Cognito user pool, as `COGNITO_USER_POOL_ID` names it. */
export interface CognitoUserPool {
  userPoolId: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<pool id>`: the `iss` of the pool's tokens. */
  issuer: string;
  /** `<issuer>/.well-known/jwks.json`: the pool's signing keys. */
  jwksUri: URL;
  /** The origin of `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`, when it replaced Amazon Cognito's. */
  endpointOverride?: string;
}

// `<region>_<id>` (CreateUserPool's pool ids): a region of the aws, aws-cn or aws-us-gov partitions.
const POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2})_[0-9A-Za-z]+$/;
// Under an endpoint override, the prefix is the emulator's (cognito-local: `local_<id>`), not a region.
const EMULATED_POOL_ID = /^[A-Za-z0-9-]+_[0-9A-Za-z]+$/;
// The longest pool id the Cognito API accepts (UserPoolId: 1-55 characters).
const MAX_POOL_ID_LENGTH = 55;

/**
 * Reads `COGNITO_USER_POOL_ID`: the pool's issuer and JWKS, derived as Amazon Cognito documents them (no
 * discovery round trip). `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`, the variable the AWS SDKs read as the
 * Cognito user pools endpoint, replaces `https://cognito-idp.<region>.amazonaws.com` as the base of both when it is
 * set (an emulator such as cognito-local issues tokens for its own origin); it must be a bare origin, https or
 * http to a loopback host, as every URL keys come from.
 *
 * @returns undefined when `COGNITO_USER_POOL_ID` is unset.
 * @throws {ConfigError} `invalid_value` naming the variable: a pool id not of the form `<region>_<id>`, or an
 * override that is not such an origin.
 * @example
 * ```ts
 * cognitoUserPool({ COGNITO_USER_POOL_ID: 'eu-west-1_AbCdEf123' })?.issuer;
 * // 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123'
 * ```
 */
export function cognitoUserPool(env: Env): CognitoUserPool | undefined {
  const userPoolId = value(env, 'COGNITO_USER_POOL_ID');
  if (userPoolId === undefined) return undefined;
  const override = endpointOverride(env);
  const region = POOL_ID.exec(userPoolId)?.[1];
  const shaped = override !== undefined ? EMULATED_POOL_ID.test(userPoolId) : region !== undefined;
  if (!shaped || userPoolId.length > MAX_POOL_ID_LENGTH) {
    throw invalid(
      'COGNITO_USER_POOL_ID',
      `"${userPoolId.slice(0, 60)}" is not a user pool id: expected <region>_<id>, e.g. eu-west-1_AbCdEf123`,
    );
  }
  const base = override ?? `https://cognito-idp.${region}.amazonaws.com`;
  const issuer = `${base}/${userPoolId}`;
  return {
    userPoolId,
    issuer,
    jwksUri: new URL(`${issuer}/.well-known/jwks.json`),
    ...(override !== undefined && { endpointOverride: override }),
  };
}

function endpointOverride(env: Env): string | undefined {
  const name = 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER';
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  const url = keyUrl(name, raw, 'the Cognito endpoint serving the pool keys');
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw invalid(name, 'must be an origin (scheme, host and port), without path, query or credentials');
  }
  return url.origin;
}
