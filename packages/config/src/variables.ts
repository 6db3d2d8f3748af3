/** What one environment variable is, as every reader of the configuration sees it. */
export interface Variable {
  /** `shared`: any consumer of the configuration (the Lambda, a service); `lambda`: the authorizer Lambda only. */
  readonly scope: 'shared' | 'lambda';
  /** The value used when the variable is unset, as it would be written. */
  readonly default?: string;
  /** For a variable without a default value: what leaving it unset means. */
  readonly whenUnset?: string;
  /** For whole numbers: the accepted range. */
  readonly range?: readonly [min: number, max: number];
  /** One line: what it says. The configuration page (docs/configuration.md) gives the why. */
  readonly summary: string;
}

/**
 * Every environment variable the authorizer reads: the one table of names that the parser, the CDK construct, the
 * Hono example and the configuration page all follow (a test checks the page against it). An empty value is the
 * same as an unset one.
 */
export const VARIABLES = {
  JWT_PUBLIC_KEY: { scope: 'shared', summary: 'inline key: PEM (SPKI, PKCS#1, X.509 certificate), JWK or JWKS text' },
  JWT_PUBLIC_KEY_SSM_PARAMETER: { scope: 'shared', summary: 'name of an SSM parameter holding PEM or JWK/JWKS JSON' },
  JWKS_URI: { scope: 'shared', summary: 'URL of a JWKS: https, or http to a loopback host' },
  COGNITO_USER_POOL_ID: {
    scope: 'shared',
    summary: '<region>_<id> of an Amazon Cognito user pool: its issuer and JWKS, and access tokens only by default',
  },
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: {
    scope: 'shared',
    whenUnset: 'https://cognito-idp.<region>.amazonaws.com',
    summary:
      "the AWS SDKs' Cognito endpoint override: with COGNITO_USER_POOL_ID, the base of issuer and JWKS (emulators)",
  },
  JWT_ALGORITHMS: { scope: 'shared', default: 'RS256', summary: 'comma list of accepted alg values' },
  JWT_ISSUER: {
    scope: 'shared',
    whenUnset: 'unchecked (warned at init)',
    summary: "comma list of accepted iss values ({tid}: the token's tenant); alone, keys come from OpenID discovery",
  },
  JWT_AUDIENCE: {
    scope: 'shared',
    whenUnset: 'unchecked',
    summary: 'comma list of accepted audiences: in aud, or as client_id of a token without aud',
  },
  JWT_CLAIM_VALUES: {
    scope: 'shared',
    whenUnset: 'no claim value is required',
    summary: 'JSON object: claim name to the value, or array of values, it must hold',
  },
  JWT_TYPE: {
    scope: 'shared',
    whenUnset: 'unchecked',
    summary: 'comma list of accepted typ header values (e.g. at+jwt); a token without typ is then refused',
  },
  JWT_MAX_TOKEN_AGE_SECONDS: {
    scope: 'shared',
    whenUnset: 'unchecked',
    range: [1, 31_536_000],
    summary: 'iat is required and may be at most this old',
  },
  JWT_CLOCK_TOLERANCE_SECONDS: {
    scope: 'shared',
    default: '30',
    range: [0, 300],
    summary: 'leeway for exp, nbf and iat',
  },
  JWT_REQUIRED_CLAIMS: { scope: 'shared', default: 'exp', summary: 'comma list of claims that must be present' },
  PRINCIPAL_CLAIM: {
    scope: 'shared',
    default: 'sub',
    summary: 'comma list: the first claim present as a non-empty string becomes principalId',
  },
  CONTEXT_CLAIMS: { scope: 'shared', default: '*', summary: '* or a comma list of claims copied into the context' },
  TOKEN_SOURCES: {
    scope: 'shared',
    default: 'header:Authorization',
    summary: 'comma list of header:<name>, query:<name>, cookie:<name>: where the token is read, first present wins',
  },
  POLICY_RESOURCE: { scope: 'shared', default: 'stage', summary: 'stage, method, or a literal execute-api ARN' },
  ROUTE_SCOPES: { scope: 'shared', whenUnset: 'every route', summary: 'JSON object: which routes which scopes permit' },
  ROUTE_RULES: {
    scope: 'shared',
    whenUnset: 'every route',
    summary: 'JSON object: which routes which claim values permit; at most one of it and ROUTE_SCOPES',
  },
  USAGE_IDENTIFIER_CLAIM: {
    scope: 'shared',
    whenUnset: 'no usageIdentifierKey',
    summary: 'claim copied into usageIdentifierKey of REST API responses (usage plans); a token without it is refused',
  },
  CLIENT_CERT_BINDING: {
    scope: 'shared',
    default: 'off',
    summary: "off or required: the token must be bound to the request's mutual TLS client certificate (RFC 8705)",
  },
  HTTP_API_RESPONSE: { scope: 'shared', default: 'simple', summary: 'simple or policy, for HTTP API payload 2.0' },
  KEY_CACHE_TTL_SECONDS: {
    scope: 'shared',
    default: '300',
    range: [0, 86_400],
    summary: 'how long keys from SSM or a JWKS URL are trusted before a refresh',
  },
  KEY_STALE_IF_ERROR_SECONDS: {
    scope: 'shared',
    default: '3600',
    range: [0, 86_400],
    summary: 'how long past the TTL the last good keys serve while refreshes fail',
  },
  KEY_FETCH_TIMEOUT_MS: {
    scope: 'shared',
    default: '2000',
    range: [100, 30_000],
    summary: 'timeout of one request to SSM, a JWKS URL or a discovery document',
  },
  JWKS_COOLDOWN_SECONDS: {
    scope: 'shared',
    default: '30',
    range: [1, 3600],
    summary: 'at most one JWKS refetch for unknown kids per this window',
  },
  LOG_LEVEL: { scope: 'lambda', default: 'INFO', summary: 'INFO, WARN or ERROR: lines below it are not written' },
  METRICS_NAMESPACE: {
    scope: 'lambda',
    default: 'JwtAuthorizer',
    summary: 'CloudWatch namespace of the metrics in the log lines',
  },
} as const satisfies Record<string, Variable>;

/** The name of a variable the authorizer reads. */
export type VariableName = keyof typeof VARIABLES;

/** The variables that name a key source; exactly one of them is set, or none with `JWT_ISSUER` (discovery). */
export const KEY_SOURCE_VARIABLES = [
  'JWT_PUBLIC_KEY',
  'JWT_PUBLIC_KEY_SSM_PARAMETER',
  'JWKS_URI',
  'COGNITO_USER_POOL_ID',
] as const;
