import type { VariableName } from '@jwt-authorizer/config';
import type { Algorithm, ClaimValue, RouteKey } from '@jwt-authorizer/core';
import type { Duration } from 'aws-cdk-lib';

/** An inline public key: PEM (SPKI or X.509 certificate), JWK or JWKS text (`JWT_PUBLIC_KEY`). */
export interface InlineKeySource {
  readonly publicKey: string;
  readonly ssmParameterName?: never;
  readonly kmsKeyArn?: never;
  readonly jwksUri?: never;
  readonly cognitoUserPoolId?: never;
}

/** An SSM parameter holding PEM or JWK/JWKS JSON, read with decryption (`JWT_PUBLIC_KEY_SSM_PARAMETER`). */
export interface SsmKeySource {
  /** The parameter's name (`/jwt/public-key`) or full ARN. The function may read this one parameter and no other. */
  readonly ssmParameterName: string;
  /**
   * ARN of the customer managed KMS key of a SecureString parameter; the function gets `kms:Decrypt` on it, only
   * through SSM and only for this parameter. Omit it for a String parameter, and for a SecureString under the AWS
   * managed key `aws/ssm`, whose key policy already lets the account's principals decrypt through SSM.
   */
  readonly kmsKeyArn?: string;
  readonly publicKey?: never;
  readonly jwksUri?: never;
  readonly cognitoUserPoolId?: never;
}

/** A JWKS URL, `https` only (`JWKS_URI`). */
export interface JwksKeySource {
  readonly jwksUri: string;
  readonly publicKey?: never;
  readonly ssmParameterName?: never;
  readonly kmsKeyArn?: never;
  readonly cognitoUserPoolId?: never;
}

/**
 * An Amazon Cognito user pool (`COGNITO_USER_POOL_ID`): its issuer and JWKS, and its access tokens only unless
 * `claimValues` names `token_use`. Leave `issuer` unset: the pool id names it. A `UserPool`'s `userPoolId` (a deploy-time
 * token) works as well as the literal `<region>_<id>`; only a literal is checked at synth.
 */
export interface CognitoKeySource {
  readonly cognitoUserPoolId: string;
  readonly publicKey?: never;
  readonly ssmParameterName?: never;
  readonly kmsKeyArn?: never;
  readonly jwksUri?: never;
}

/** Exactly one key source; the types refuse none or several. */
export type AuthorizerKeySource = InlineKeySource | SsmKeySource | JwksKeySource | CognitoKeySource;

/**
 * `ROUTE_RULES` as a typed value: route (`"GET /tenants/{tenant_id}/*"`, the method checked by the type) to its
 * conditions, claim name (`scope`, a top-level claim, or a JSON Pointer such as `/realm_access/roles`) to the value
 * or values that satisfy it; `{}` permits every valid token.
 */
export type RouteRulesSetting = Readonly<
  Record<RouteKey, Readonly<Record<string, ClaimValue | readonly ClaimValue[]>>>
>;

/** One entry of `TOKEN_SOURCES`: where the token may be read. */
export type TokenSourceSetting = `header:${string}` | `query:${string}` | `cookie:${string}`;

/**
 * The authorizer's configuration, mirroring its environment variables (docs/configuration.md). Anything left out is
 * left unset, so the Lambda's own default applies (and the configuration page documents it once).
 */
export interface AuthorizerSettings {
  readonly keySource: AuthorizerKeySource;
  /** `JWT_ALGORITHMS`. Default (in the Lambda) `RS256`. */
  readonly algorithms?: readonly Algorithm[];
  /**
   * `JWT_ISSUER`. Set it: unset, any issuer the keys verify is accepted (a Cognito key source names it itself). An
   * entry holding `{tid}` stands for the token's own tenant (multi-tenant Entra ID); restrict tenants with
   * `claimValues: { tid: [...] }`.
   */
  readonly issuer?: readonly string[];
  /** `JWT_AUDIENCE`: the token's `aud` must hold one; a token without `aud`, its `client_id` (Cognito access tokens). */
  readonly audience?: readonly string[];
  /** `JWT_TYPE`: accepted `typ` header values, e.g. `['at+jwt']` (RFC 9068). Unset: unchecked. */
  readonly tokenTypes?: readonly string[];
  /** `JWT_CLAIM_VALUES`: claim name to the value, or values, it must hold, e.g. `{ tid: ['<tenant id>'] }`. */
  readonly claimValues?: Readonly<Record<string, ClaimValue | readonly ClaimValue[]>>;
  /** `JWT_MAX_TOKEN_AGE_SECONDS`: `iat` is required and at most this old. Unset: unchecked. */
  readonly maxTokenAge?: Duration;
  /** `JWT_CLOCK_TOLERANCE_SECONDS`. Default 30 s. */
  readonly clockTolerance?: Duration;
  /** `JWT_REQUIRED_CLAIMS`. Default `exp`. */
  readonly requiredClaims?: readonly string[];
  /** `PRINCIPAL_CLAIM`: a claim, or a list of them, the first present as a non-empty string. Default `sub`. */
  readonly principalClaim?: string | readonly string[];
  /** `CONTEXT_CLAIMS`: `'*'` or a list. Default `'*'`. */
  readonly contextClaims?: '*' | readonly string[];
  /**
   * `TOKEN_SOURCES`: where the token is read, in order, the first present winning. Default `['header:Authorization']`.
   * The authorizers' identity sources follow from it: one source is the identity source (a cookie's is the Cookie
   * header); several leave none, and the result cache off. A TOKEN authorizer takes one header only.
   */
  readonly tokenSources?: readonly TokenSourceSetting[];
  /**
   * `USAGE_IDENTIFIER_CLAIM`: the claim REST API responses carry as `usageIdentifierKey`, the API key of a usage plan
   * whose API key source is `AUTHORIZER`; a token without it is refused.
   */
  readonly usageIdentifierClaim?: string;
  /**
   * `CLIENT_CERT_BINDING`: `required` to accept only tokens bound to the request's mutual TLS client certificate
   * (RFC 8705). The authorizers' result cache is then off, and TOKEN and WebSocket authorizers are refused.
   */
  readonly clientCertBinding?: 'off' | 'required';
  /** `POLICY_RESOURCE`: `'stage'`, `'method'` (only with a result TTL of 0) or a literal execute-api ARN. */
  readonly policyResource?: 'stage' | 'method' | (string & {});
  /** `HTTP_API_RESPONSE` for HTTP API payload 2.0 events. Default `simple`. */
  readonly httpApiResponse?: 'simple' | 'policy';
  /** `KEY_CACHE_TTL_SECONDS`: how long SSM / JWKS keys are trusted before refresh. Default 300 s. */
  readonly keyCacheTtl?: Duration;
  /** `KEY_STALE_IF_ERROR_SECONDS`: how long the last good keys keep serving while the source fails. */
  readonly keyStaleIfError?: Duration;
  /** `JWKS_COOLDOWN_SECONDS`: the least time between two JWKS fetches caused by unknown `kid`s. */
  readonly jwksCooldown?: Duration;
  /** `KEY_FETCH_TIMEOUT_MS`: how long one SSM or JWKS request may take. */
  readonly keyFetchTimeout?: Duration;
  /** `ROUTE_SCOPES`: route pattern (`"GET /admin/*"`) to the scopes a token needs for it. */
  readonly routeScopes?: Readonly<Record<string, readonly string[]>>;
  /**
   * `ROUTE_RULES`: which routes which claims permit, `{claim}` path segments standing for the token's own values
   * (a tenant's routes). Checked at synth with the Lambda's parser, size limits included. Not with `routeScopes`.
   * With rules, {@link JwtAuthorizer.httpAuthorizer} (simple responses) turns its result cache off.
   */
  readonly routeRules?: RouteRulesSetting;
}

/**
 * The Lambda's environment for `settings`: one variable per setting given, none for a setting left out.
 *
 * @example
 * ```ts
 * authorizerEnvironment({ keySource: { jwksUri: 'https://idp.example/jwks.json' }, issuer: ['https://idp.example/'] });
 * // { JWKS_URI: 'https://idp.example/jwks.json', JWT_ISSUER: 'https://idp.example/' }
 * ```
 */
export function authorizerEnvironment(settings: AuthorizerSettings): Partial<Record<VariableName, string>> {
  const { keySource: source, principalClaim } = settings;
  const seconds = (duration: Duration | undefined) => duration && String(duration.toSeconds());
  // Named by the configuration's one table of variables: a misspelt name does not compile.
  const entries: Array<[VariableName, string | undefined]> = [
    ['JWT_PUBLIC_KEY', source.publicKey],
    ['JWT_PUBLIC_KEY_SSM_PARAMETER', source.ssmParameterName],
    ['JWKS_URI', source.jwksUri],
    ['COGNITO_USER_POOL_ID', source.cognitoUserPoolId],
    ['JWT_ALGORITHMS', settings.algorithms?.join(',')],
    ['JWT_ISSUER', settings.issuer?.join(',')],
    ['JWT_AUDIENCE', settings.audience?.join(',')],
    ['JWT_TYPE', settings.tokenTypes?.join(',')],
    ['JWT_CLAIM_VALUES', settings.claimValues && JSON.stringify(settings.claimValues)],
    ['JWT_MAX_TOKEN_AGE_SECONDS', seconds(settings.maxTokenAge)],
    ['JWT_CLOCK_TOLERANCE_SECONDS', seconds(settings.clockTolerance)],
    ['JWT_REQUIRED_CLAIMS', settings.requiredClaims?.join(',')],
    ['PRINCIPAL_CLAIM', typeof principalClaim === 'string' ? principalClaim : principalClaim?.join(',')],
    ['CONTEXT_CLAIMS', settings.contextClaims === '*' ? '*' : settings.contextClaims?.join(',')],
    ['TOKEN_SOURCES', settings.tokenSources?.join(',')],
    ['USAGE_IDENTIFIER_CLAIM', settings.usageIdentifierClaim],
    ['CLIENT_CERT_BINDING', settings.clientCertBinding],
    ['POLICY_RESOURCE', settings.policyResource],
    ['HTTP_API_RESPONSE', settings.httpApiResponse],
    ['KEY_CACHE_TTL_SECONDS', seconds(settings.keyCacheTtl)],
    ['KEY_STALE_IF_ERROR_SECONDS', seconds(settings.keyStaleIfError)],
    ['JWKS_COOLDOWN_SECONDS', seconds(settings.jwksCooldown)],
    ['KEY_FETCH_TIMEOUT_MS', settings.keyFetchTimeout && String(settings.keyFetchTimeout.toMilliseconds())],
    ['ROUTE_SCOPES', settings.routeScopes && JSON.stringify(settings.routeScopes)],
    ['ROUTE_RULES', settings.routeRules && JSON.stringify(settings.routeRules)],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [VariableName, string] => entry[1] !== undefined));
}
