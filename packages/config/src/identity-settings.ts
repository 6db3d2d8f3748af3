import { type ClaimValues, ConfigError, TENANT_PLACEHOLDER } from '@jwt-authorizer/core';
import { type CognitoUserPool, cognitoUserPool } from './cognito-user-pool.js';
import { parseClaimValues } from './parse-claim-values.js';
import { type Env, invalid, list, value } from './read-variable.js';

/** Who may issue a token, and for whom: the settings an identity provider's page is about. */
export interface IdentitySettings {
  /** `COGNITO_USER_POOL_ID`, read. */
  cognito: CognitoUserPool | undefined;
  /** `JWT_ISSUER` as written: the issuers to discover keys for when no key source is set. */
  listedIssuers: string[] | undefined;
  /** The accepted issuers: the user pool's, or `JWT_ISSUER`. */
  issuer: string[] | undefined;
  /** `JWT_AUDIENCE`. */
  audience: string[] | undefined;
  /** `JWT_CLAIM_VALUES`, with a user pool's `token_use` rule. */
  claimValues: ClaimValues | undefined;
  /** What is allowed but accepts more than a deployment may think. */
  warnings: string[];
}

/**
 * Reads the issuer, audience and claim value settings together, because they depend on each other: a user pool
 * names the issuer (so `JWT_ISSUER` must be unset) and restricts `token_use` unless `JWT_CLAIM_VALUES` does; a
 * `{tid}` issuer is restricted to tenants by a `tid` rule (warned when there is none).
 *
 * @throws {ConfigError} naming the variable at fault.
 * @example
 * ```ts
 * identitySettings({ COGNITO_USER_POOL_ID: 'eu-west-1_AbCdEf123', JWT_AUDIENCE: 'client-id' }).claimValues;
 * // { token_use: 'access' }
 * ```
 */
export function identitySettings(env: Env): IdentitySettings {
  const cognito = cognitoUserPool(env);
  const listedIssuers = issuers(env, cognito);
  const issuer = cognito ? [cognito.issuer] : listedIssuers;
  const audience = list(env, 'JWT_AUDIENCE');
  const claimValues = claimValueRules(env, cognito);
  const warnings: string[] = [];
  const templated = issuer?.some((entry) => entry.includes(TENANT_PLACEHOLDER));
  if (templated && !(claimValues && Object.hasOwn(claimValues, 'tid'))) {
    warnings.push(
      `JWT_ISSUER holds ${TENANT_PLACEHOLDER} and JWT_CLAIM_VALUES names no "tid": tokens of every tenant are accepted`,
    );
  }
  if (cognito && !audience) {
    warnings.push('COGNITO_USER_POOL_ID without JWT_AUDIENCE: tokens of every app client of the pool are accepted');
  }
  if (cognito?.endpointOverride) {
    warnings.push(
      `COGNITO_USER_POOL_ID: issuer and keys come from AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER (${cognito.endpointOverride}), not from Amazon Cognito`,
    );
  }
  return { cognito, listedIssuers, issuer, audience, claimValues, warnings };
}

function issuers(env: Env, cognito: CognitoUserPool | undefined): string[] | undefined {
  const listed = list(env, 'JWT_ISSUER');
  if (listed && cognito) {
    throw new ConfigError(
      'conflicting_key_sources',
      'COGNITO_USER_POOL_ID + JWT_ISSUER',
      'the user pool id names the issuer: leave JWT_ISSUER unset',
    );
  }
  for (const issuer of listed ?? []) {
    if (/[{}]/.test(issuer.replaceAll(TENANT_PLACEHOLDER, ''))) {
      throw invalid('JWT_ISSUER', `"${issuer}": the only placeholder an issuer may hold is ${TENANT_PLACEHOLDER}`);
    }
  }
  return listed;
}

function claimValueRules(env: Env, cognito: CognitoUserPool | undefined): ClaimValues | undefined {
  const raw = value(env, 'JWT_CLAIM_VALUES');
  const rules = raw === undefined ? undefined : parseClaimValues(raw);
  if (!cognito || (rules && Object.hasOwn(rules, 'token_use'))) return rules;
  // Amazon Cognito signs ID and access tokens with the same pool keys; an API takes access tokens.
  return Object.fromEntries([['token_use', 'access'], ...Object.entries(rules ?? {})]);
}
