import { type Algorithm, isSupportedAlgorithm } from './algorithms.js';
import type { PolicyResource } from './build-policy.js';
import { ConfigError } from './errors.js';
import { isSecureKeyUrl } from './is-secure-key-url.js';
import { parseRouteScopes, type RouteRule } from './parse-route-scopes.js';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS } from './verify-token.js';

/** Where keys come from; exactly one of the three variables selects it. */
export type KeySourceConfig =
  | { kind: 'inline'; material: string }
  | { kind: 'ssm'; parameterName: string }
  | { kind: 'jwks'; uri: URL }
  /** No key variable, `JWT_ISSUER` set: each issuer's keys come from its OpenID discovery document. */
  | { kind: 'discovery'; issuers: string[] };

/** The authorizer's whole configuration (SPEC §2), typed and validated. */
export interface Config {
  keySource: KeySourceConfig;
  algorithms: Algorithm[];
  issuer: string[] | undefined;
  audience: string[] | undefined;
  clockToleranceSeconds: number;
  requiredClaims: string[];
  principalClaim: string;
  contextClaims: '*' | string[];
  policyResource: PolicyResource;
  /** `ROUTE_SCOPES`: which routes of the stage which scopes permit; absent, every route is allowed. */
  routeScopes: RouteRule[] | undefined;
  httpApiResponse: 'simple' | 'policy';
  keyCacheTtlSeconds: number;
  /** How long past the TTL the last good keys serve while refreshes fail (`KEY_STALE_IF_ERROR_SECONDS`). */
  keyStaleIfErrorSeconds: number;
  /** Timeout of one request to SSM or the JWKS / discovery endpoint (`KEY_FETCH_TIMEOUT_MS`). */
  keyFetchTimeoutMs: number;
  /** At most one JWKS refetch for unknown `kid`s per this window (`JWKS_COOLDOWN_SECONDS`). */
  jwksCooldownSeconds: number;
  /** Lines below this level are not written (`LOG_LEVEL`); metrics are written whatever it says. */
  logLevel: 'INFO' | 'WARN' | 'ERROR';
  /** CloudWatch namespace of the metrics embedded in the log lines (`METRICS_NAMESPACE`). */
  metricsNamespace: string;
  /** Choices that are allowed but weaken a check; logged once at cold start. */
  warnings: string[];
}

/** An environment: `process.env` or any record like it. */
export type Env = Readonly<Record<string, string | undefined>>;

const KEY_SOURCE_VARIABLES = ['JWT_PUBLIC_KEY', 'JWT_PUBLIC_KEY_SSM_PARAMETER', 'JWKS_URI'] as const;
// A literal POLICY_RESOURCE must name one API of one account in one region; only the stage/method/path part may
// hold wildcards. This is what refuses the seed's `arn:aws:execute-api:{region}:**`.
const LITERAL_RESOURCE = /^arn:aws[a-z-]*:execute-api:[a-z]{2}(?:-[a-z]+)+-\d+:\d{12}:[A-Za-z0-9]+\/.+$/;

/**
 * Reads and validates the configuration from an environment. Pure: the caller passes `process.env`.
 *
 * @throws {ConfigError} naming the first variable that is wrong and why.
 * @example
 * ```ts
 * const config = parseConfig({ JWKS_URI: 'https://idp.example/.well-known/jwks.json', JWT_ISSUER: 'https://idp.example/' });
 * ```
 */
export function parseConfig(env: Env): Config {
  const warnings: string[] = [];
  const issuer = list(env, 'JWT_ISSUER');
  if (!issuer)
    warnings.push('JWT_ISSUER is not set: tokens of any issuer are accepted if the configured keys verify them');
  return {
    keySource: keySource(env, issuer),
    algorithms: algorithms(env),
    issuer,
    audience: list(env, 'JWT_AUDIENCE'),
    clockToleranceSeconds: integer(env, 'JWT_CLOCK_TOLERANCE_SECONDS', DEFAULT_CLOCK_TOLERANCE_SECONDS, 0, 300),
    requiredClaims: list(env, 'JWT_REQUIRED_CLAIMS') ?? ['exp'],
    principalClaim: value(env, 'PRINCIPAL_CLAIM') ?? 'sub',
    contextClaims: value(env, 'CONTEXT_CLAIMS') === '*' ? '*' : (list(env, 'CONTEXT_CLAIMS') ?? '*'),
    policyResource: policyResource(env),
    routeScopes: routeScopes(env),
    httpApiResponse: oneOf(env, 'HTTP_API_RESPONSE', ['simple', 'policy'] as const, 'simple'),
    keyCacheTtlSeconds: integer(env, 'KEY_CACHE_TTL_SECONDS', 300, 0, 86_400),
    keyStaleIfErrorSeconds: integer(env, 'KEY_STALE_IF_ERROR_SECONDS', 3600, 0, 86_400),
    keyFetchTimeoutMs: integer(env, 'KEY_FETCH_TIMEOUT_MS', 2000, 100, 30_000),
    jwksCooldownSeconds: integer(env, 'JWKS_COOLDOWN_SECONDS', 30, 1, 3600),
    logLevel: oneOf(env, 'LOG_LEVEL', ['INFO', 'WARN', 'ERROR'] as const, 'INFO'),
    metricsNamespace: metricsNamespace(env),
    warnings,
  };
}

/** A variable's trimmed value; unset and empty are the same (deploy templates often write empty strings). */
function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

function list(env: Env, name: string): string[] | undefined {
  const items = value(env, name)
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items?.length ? items : undefined;
}

function invalid(name: string, message: string): ConfigError {
  return new ConfigError('invalid_value', name, message);
}

function keySource(env: Env, issuers: string[] | undefined): KeySourceConfig {
  const set = KEY_SOURCE_VARIABLES.filter((name) => value(env, name) !== undefined);
  if (set.length === 0 && issuers) {
    for (const issuer of issuers) httpsUrl('JWT_ISSUER', issuer, 'an issuer whose keys are discovered');
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
  const [name] = set;
  const raw = value(env, name as string) as string;
  if (name === 'JWT_PUBLIC_KEY') return { kind: 'inline', material: raw };
  if (name === 'JWT_PUBLIC_KEY_SSM_PARAMETER') return { kind: 'ssm', parameterName: raw };
  return { kind: 'jwks', uri: httpsUrl('JWKS_URI', raw, 'a JWKS URL') };
}

function httpsUrl(name: string, raw: string, what: string): URL {
  let uri: URL;
  try {
    uri = new URL(raw);
  } catch {
    throw invalid(name, `"${raw}" is not a URL (${what})`);
  }
  if (!isSecureKeyUrl(uri)) {
    throw invalid(name, `${what} must be an https URL (plain http only for loopback hosts)`);
  }
  return uri;
}

function algorithms(env: Env): Algorithm[] {
  const names = list(env, 'JWT_ALGORITHMS') ?? ['RS256'];
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

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw invalid(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function oneOf<const T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = value(env, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(raw))
    throw invalid(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

function policyResource(env: Env): PolicyResource {
  const raw = value(env, 'POLICY_RESOURCE') ?? 'stage';
  if (raw === 'stage' || raw === 'method') return raw;
  if (!LITERAL_RESOURCE.test(raw)) {
    throw invalid(
      'POLICY_RESOURCE',
      'must be "stage", "method", or an execute-api ARN naming one API (arn:aws:execute-api:region:account:api-id/...)',
    );
  }
  return { pattern: raw };
}

// CloudWatch namespaces: up to 255 of these characters, and not the AWS/ prefix kept for AWS services.
const NAMESPACE = /^(?!AWS\/)[A-Za-z0-9._/#:-]{1,255}$/;

function metricsNamespace(env: Env): string {
  const raw = value(env, 'METRICS_NAMESPACE') ?? 'JwtAuthorizer';
  if (!NAMESPACE.test(raw)) {
    throw invalid('METRICS_NAMESPACE', 'must be 1-255 of A-Z a-z 0-9 . _ / # : - and not start with AWS/');
  }
  return raw;
}

function routeScopes(env: Env): RouteRule[] | undefined {
  const raw = value(env, 'ROUTE_SCOPES');
  if (raw === undefined) return undefined;
  // The rules make the policy's resources themselves, across the calling stage (SPEC §5).
  if ((value(env, 'POLICY_RESOURCE') ?? 'stage') !== 'stage') {
    throw invalid(
      'ROUTE_SCOPES',
      'makes the policy across the calling stage; it needs POLICY_RESOURCE=stage (the default)',
    );
  }
  return parseRouteScopes(raw);
}
