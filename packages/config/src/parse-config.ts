import {
  type Algorithm,
  ConfigError,
  isSupportedAlgorithm,
  type PolicyResource,
  parseRouteRules,
  parseRouteScopes,
  parseTokenSources,
  type RouteRule,
  TENANT_PLACEHOLDER,
  type TokenSource,
  type VerifyTokenOptions,
} from '@jwt-authorizer/core';
import type { CognitoUserPool } from './cognito-user-pool.js';
import { identitySettings } from './identity-settings.js';
import {
  type Env,
  integer,
  invalid,
  keyUrl,
  list,
  listSetting,
  oneOf,
  optionalInteger,
  setting,
  value,
} from './read-variable.js';
import { KEY_SOURCE_VARIABLES } from './variables.js';

/** Where keys come from; exactly one of the key-source variables selects it. */
export type KeySourceConfig =
  | { kind: 'inline'; material: string }
  | { kind: 'ssm'; parameterName: string }
  | { kind: 'jwks'; uri: URL }
  /** No key variable, `JWT_ISSUER` set: each issuer's keys come from its OpenID discovery document. */
  | { kind: 'discovery'; issuers: string[] };

/** How remote keys (SSM, JWKS, discovery) are fetched and cached. */
export interface KeyCacheConfig {
  /** `KEY_CACHE_TTL_SECONDS`: how long fetched keys are trusted before a refresh. */
  ttlSeconds: number;
  /** `KEY_STALE_IF_ERROR_SECONDS`: how long past the TTL the last good keys serve while refreshes fail. */
  staleIfErrorSeconds: number;
  /** `KEY_FETCH_TIMEOUT_MS`: timeout of one request to SSM or the JWKS / discovery endpoint. */
  fetchTimeoutMs: number;
  /** `JWKS_COOLDOWN_SECONDS`: at most one JWKS refetch for unknown `kid`s per this window. */
  jwksCooldownSeconds: number;
}

/** What the authorizer answers with, once a token is verified. */
export interface ResponseConfig {
  /** `CONTEXT_CLAIMS`: `'*'` or the claims copied into the context. */
  contextClaims: '*' | string[];
  /** `POLICY_RESOURCE`. */
  policyResource: PolicyResource;
  /**
   * `ROUTE_RULES`, or `ROUTE_SCOPES` (its scope-only form, read into the same rules): which routes of the stage a
   * token's claims permit; absent, every route is allowed.
   */
  routeRules: RouteRule[] | undefined;
  /** `HTTP_API_RESPONSE`, for HTTP API payload 2.0 events. */
  httpApiResponse: 'simple' | 'policy';
}

/** What a request must carry: where its token is read, and whether it must come with a bound certificate. */
export interface RequestConfig {
  /** `TOKEN_SOURCES`, in order: the first present source gives the token. */
  tokenSources: TokenSource[];
  /** `CLIENT_CERT_BINDING`: `required` makes every token prove it is bound to the request's client certificate. */
  clientCertBinding: 'off' | 'required';
}

/** Settings of the Lambda alone; a service that shares the configuration ignores them. */
export interface LambdaConfig {
  /** `LOG_LEVEL`: lines below it are not written; metrics are written whatever it says. */
  logLevel: 'INFO' | 'WARN' | 'ERROR';
  /** `METRICS_NAMESPACE`: CloudWatch namespace of the metrics embedded in the log lines. */
  metricsNamespace: string;
}

/** The whole configuration, typed and validated, in one section per consumer. */
export interface Config {
  keySource: KeySourceConfig;
  keyCache: KeyCacheConfig;
  /**
   * What a token must be: the options of core's `verifyToken` / `createTokenVerifier`, as they are. With
   * `COGNITO_USER_POOL_ID`, `issuer` is the pool's and `claimValues` holds `token_use: 'access'` unless
   * `JWT_CLAIM_VALUES` names `token_use`.
   */
  verify: VerifyTokenOptions &
    Required<
      Omit<
        VerifyTokenOptions,
        'currentDate' | 'issuer' | 'audience' | 'typ' | 'maxTokenAgeSeconds' | 'claimValues' | 'usageIdentifierClaim'
      >
    > & { principalClaim: string[] };
  request: RequestConfig;
  response: ResponseConfig;
  lambda: LambdaConfig;
  /** Choices that are allowed but weaken a check; logged once at cold start. */
  warnings: string[];
}

// A literal POLICY_RESOURCE must name one API of one account in one region; only the stage/method/path part may
// hold wildcards. This is what refuses the tutorial's `arn:aws:execute-api:{region}:**`.
const LITERAL_RESOURCE = /^arn:aws[a-z-]*:execute-api:[a-z]{2}(?:-[a-z]+)+-\d+:\d{12}:[A-Za-z0-9]+\/.+$/;
// CloudWatch namespaces: up to 255 of these characters, and not the AWS/ prefix kept for AWS services.
const NAMESPACE = /^(?!AWS\/)[A-Za-z0-9._/#:-]{1,255}$/;
// A media type, or its subtype alone (`at+jwt`): RFC 6838 §4.2 restricted names.
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(?:\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*)?$/;

/**
 * Reads and validates the configuration from an environment (docs/configuration.md). Pure: the caller passes
 * `process.env`, once, at start-up.
 *
 * @throws {ConfigError} naming the first variable that is wrong and why.
 * @example
 * ```ts
 * const config = parseConfig({ JWKS_URI: 'https://idp.example/.well-known/jwks.json', JWT_ISSUER: 'https://idp.example/' });
 * const verify = createTokenVerifier(createKeySource(config), config.verify);
 * ```
 */
export function parseConfig(env: Env): Config {
  const warnings: string[] = [];
  const identity = identitySettings(env);
  const { cognito, issuer, audience, claimValues } = identity;
  if (!issuer)
    warnings.push('JWT_ISSUER is not set: tokens of any issuer are accepted if the configured keys verify them');
  warnings.push(...identity.warnings);
  const tokenSources = parseTokenSources(setting(env, 'TOKEN_SOURCES'));
  for (const source of tokenSources.filter((each) => each.kind === 'query')) {
    warnings.push(
      `TOKEN_SOURCES reads query:${source.name}: a token in a URL ends up in access logs (API Gateway's, CloudFront's, proxies'), browser history and Referer headers; keep such tokens short-lived`,
    );
  }
  return {
    keySource: keySource(env, identity.listedIssuers, cognito),
    keyCache: {
      ttlSeconds: integer(env, 'KEY_CACHE_TTL_SECONDS'),
      staleIfErrorSeconds: integer(env, 'KEY_STALE_IF_ERROR_SECONDS'),
      fetchTimeoutMs: integer(env, 'KEY_FETCH_TIMEOUT_MS'),
      jwksCooldownSeconds: integer(env, 'JWKS_COOLDOWN_SECONDS'),
    },
    verify: {
      algorithms: algorithms(env),
      typ: types(env),
      issuer,
      audience,
      clockToleranceSeconds: integer(env, 'JWT_CLOCK_TOLERANCE_SECONDS'),
      requiredClaims: listSetting(env, 'JWT_REQUIRED_CLAIMS'),
      maxTokenAgeSeconds: optionalInteger(env, 'JWT_MAX_TOKEN_AGE_SECONDS'),
      claimValues,
      principalClaim: listSetting(env, 'PRINCIPAL_CLAIM'),
      usageIdentifierClaim: value(env, 'USAGE_IDENTIFIER_CLAIM'),
    },
    request: {
      tokenSources,
      clientCertBinding: oneOf(env, 'CLIENT_CERT_BINDING', ['off', 'required']),
    },
    response: {
      contextClaims: setting(env, 'CONTEXT_CLAIMS') === '*' ? '*' : listSetting(env, 'CONTEXT_CLAIMS'),
      policyResource: policyResource(env),
      routeRules: routeRules(env),
      httpApiResponse: oneOf(env, 'HTTP_API_RESPONSE', ['simple', 'policy']),
    },
    lambda: {
      logLevel: oneOf(env, 'LOG_LEVEL', ['INFO', 'WARN', 'ERROR']),
      metricsNamespace: metricsNamespace(env),
    },
    warnings,
  };
}

function keySource(env: Env, issuers: string[] | undefined, cognito: CognitoUserPool | undefined): KeySourceConfig {
  const set = KEY_SOURCE_VARIABLES.filter((name) => value(env, name) !== undefined);
  if (set.length === 0 && issuers) {
    if (issuers.some((issuer) => issuer.includes(TENANT_PLACEHOLDER))) {
      throw invalid(
        'JWT_ISSUER',
        `an issuer holding ${TENANT_PLACEHOLDER} needs a key source (JWKS_URI, ...): its keys cannot be discovered`,
      );
    }
    for (const issuer of issuers) keyUrl('JWT_ISSUER', issuer, 'an issuer whose keys are discovered');
    return { kind: 'discovery', issuers };
  }
  if (set.length === 0) {
    throw new ConfigError(
      'missing_key_source',
      KEY_SOURCE_VARIABLES.join(' | '),
      'set exactly one key source, or JWT_ISSUER alone to discover the keys',
    );
  }
  if (set.length > 1) {
    throw new ConfigError('conflicting_key_sources', set.join(' + '), 'set exactly one key source, not several');
  }
  const [name] = set as [(typeof KEY_SOURCE_VARIABLES)[number]];
  const raw = value(env, name) as string;
  if (name === 'JWT_PUBLIC_KEY') return { kind: 'inline', material: raw };
  if (name === 'JWT_PUBLIC_KEY_SSM_PARAMETER') return { kind: 'ssm', parameterName: raw };
  // A user pool's keys are a JWKS at a known URL: no discovery round trip.
  if (name === 'COGNITO_USER_POOL_ID') return { kind: 'jwks', uri: (cognito as CognitoUserPool).jwksUri };
  return { kind: 'jwks', uri: keyUrl('JWKS_URI', raw, 'a JWKS URL') };
}

function types(env: Env): string[] | undefined {
  const types = list(env, 'JWT_TYPE');
  for (const type of types ?? []) {
    if (!MEDIA_TYPE.test(type)) throw invalid('JWT_TYPE', `"${type}" is not a media type, such as at+jwt`);
  }
  return types;
}

function algorithms(env: Env): Algorithm[] {
  const names = listSetting(env, 'JWT_ALGORITHMS');
  return names.map((name) => {
    if (name.toLowerCase() === 'none')
      throw invalid('JWT_ALGORITHMS', '"none" is never accepted: tokens must be signed');
    if (/^HS\d+$/i.test(name)) {
      throw invalid('JWT_ALGORITHMS', `${name} is never accepted: every key source holds public keys (RFC 8725 §2.1)`);
    }
    if (!isSupportedAlgorithm(name)) throw invalid('JWT_ALGORITHMS', `unknown algorithm "${name}"`);
    return name;
  });
}

function policyResource(env: Env): PolicyResource {
  const raw = setting(env, 'POLICY_RESOURCE');
  if (raw === 'stage' || raw === 'method') return raw;
  if (!LITERAL_RESOURCE.test(raw)) {
    throw invalid(
      'POLICY_RESOURCE',
      'must be "stage", "method", or an execute-api ARN naming one API (arn:aws:execute-api:region:account:api-id/...)',
    );
  }
  return { pattern: raw };
}

function metricsNamespace(env: Env): string {
  const raw = setting(env, 'METRICS_NAMESPACE');
  if (!NAMESPACE.test(raw)) {
    throw invalid('METRICS_NAMESPACE', 'must be 1-255 of A-Z a-z 0-9 . _ / # : - and not start with AWS/');
  }
  return raw;
}

function routeRules(env: Env): RouteRule[] | undefined {
  const scopes = value(env, 'ROUTE_SCOPES');
  const rules = value(env, 'ROUTE_RULES');
  if (scopes === undefined && rules === undefined) return undefined;
  if (scopes !== undefined && rules !== undefined) {
    throw new ConfigError(
      'invalid_value',
      'ROUTE_SCOPES + ROUTE_RULES',
      'set at most one: ROUTE_SCOPES is the scope-only form of ROUTE_RULES (write its rules as {"scope": [...]})',
    );
  }
  const name = rules === undefined ? 'ROUTE_SCOPES' : 'ROUTE_RULES';
  // The rules make the policy's resources themselves, across the calling stage (docs/configuration.md).
  if (setting(env, 'POLICY_RESOURCE') !== 'stage') {
    throw invalid(name, 'makes the policy across the calling stage; it needs POLICY_RESOURCE=stage (the default)');
  }
  return rules === undefined ? parseRouteScopes(scopes as string) : parseRouteRules(rules);
}
