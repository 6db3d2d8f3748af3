import { ConfigError } from '@jwt-authorizer/core';
import { thrownBy } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { type Env, parseConfig } from '../src/index.js';

const PEM = '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----';

function configError(env: Env): ConfigError {
  return thrownBy(() => parseConfig(env), ConfigError);
}

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig({ JWT_PUBLIC_KEY: PEM });
    expect(config).toMatchObject({
      keySource: { kind: 'inline', material: PEM },
      verify: {
        algorithms: ['RS256'],
        issuer: undefined,
        audience: undefined,
        clockToleranceSeconds: 30,
        requiredClaims: ['exp'],
        principalClaim: ['sub'],
        typ: undefined,
        maxTokenAgeSeconds: undefined,
        claimValues: undefined,
      },
      response: { contextClaims: '*', policyResource: 'stage', httpApiResponse: 'simple' },
      keyCache: { ttlSeconds: 300 },
    });
    expect(config.warnings).toEqual([expect.stringContaining('JWT_ISSUER')]);
  });

  it('reads every variable, trimming comma lists', () => {
    const config = parseConfig({
      JWKS_URI: 'https://idp.example/.well-known/jwks.json',
      JWT_ALGORITHMS: 'RS256, ES256 ,EdDSA',
      JWT_ISSUER: 'https://idp.example/',
      JWT_AUDIENCE: 'api-1,api-2',
      JWT_CLOCK_TOLERANCE_SECONDS: '0',
      JWT_REQUIRED_CLAIMS: 'exp,sub',
      JWT_TYPE: 'at+jwt, application/jwt',
      JWT_MAX_TOKEN_AGE_SECONDS: '3600',
      JWT_CLAIM_VALUES: '{"tenant": ["a", "b"], "email_verified": true}',
      PRINCIPAL_CLAIM: 'email, sub',
      CONTEXT_CLAIMS: 'sub,email',
      POLICY_RESOURCE: 'method',
      HTTP_API_RESPONSE: 'policy',
      KEY_CACHE_TTL_SECONDS: '60',
    });
    expect(config).toMatchObject({
      verify: {
        algorithms: ['RS256', 'ES256', 'EdDSA'],
        issuer: ['https://idp.example/'],
        audience: ['api-1', 'api-2'],
        clockToleranceSeconds: 0,
        requiredClaims: ['exp', 'sub'],
        typ: ['at+jwt', 'application/jwt'],
        maxTokenAgeSeconds: 3600,
        claimValues: { tenant: ['a', 'b'], email_verified: true },
        principalClaim: ['email', 'sub'],
      },
      response: { contextClaims: ['sub', 'email'], policyResource: 'method', httpApiResponse: 'policy' },
      keyCache: { ttlSeconds: 60 },
      warnings: [],
    });
    expect(config.keySource).toEqual({ kind: 'jwks', uri: new URL('https://idp.example/.well-known/jwks.json') });
  });

  it('treats an empty variable as unset, as deploy templates write them', () => {
    expect(parseConfig({ JWT_PUBLIC_KEY: PEM, JWKS_URI: '', JWT_ISSUER: ' ' }).verify.issuer).toBeUndefined();
  });

  it('selects the SSM source', () => {
    expect(parseConfig({ JWT_PUBLIC_KEY_SSM_PARAMETER: '/auth/key' }).keySource).toEqual({
      kind: 'ssm',
      parameterName: '/auth/key',
    });
  });

  it('requires exactly one key source', () => {
    expect(configError({})).toMatchObject({ code: 'missing_key_source' });
    const both = configError({ JWT_PUBLIC_KEY: PEM, JWKS_URI: 'https://x.example/jwks' });
    expect(both).toMatchObject({ code: 'conflicting_key_sources', variable: 'JWT_PUBLIC_KEY + JWKS_URI' });
  });

  it.each([
    ['JWT_ALGORITHMS', 'none'],
    ['JWT_ALGORITHMS', 'RS256,HS256'],
    ['JWT_ALGORITHMS', 'RS257'],
    ['JWKS_URI', 'http://idp.example/jwks'],
    ['JWKS_URI', 'not a url'],
    ['JWKS_URI', 'ftp://idp.example/jwks'],
    ['JWT_CLOCK_TOLERANCE_SECONDS', '-1'],
    ['JWT_CLOCK_TOLERANCE_SECONDS', '3600'],
    ['JWT_CLOCK_TOLERANCE_SECONDS', '1.5'],
    ['KEY_CACHE_TTL_SECONDS', 'soon'],
    ['HTTP_API_RESPONSE', 'iam'],
    ['POLICY_RESOURCE', 'arn:aws:execute-api:us-east-1:**'],
    ['POLICY_RESOURCE', '*'],
    ['POLICY_RESOURCE', 'arn:aws:execute-api:us-east-1:123456789012:*/prod/*'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    const env: Env = variable === 'JWKS_URI' ? { [variable]: value } : { JWT_PUBLIC_KEY: PEM, [variable]: value };
    const error = configError(env);
    expect(error).toMatchObject({ code: 'invalid_value', variable });
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
  });

  it('discovers keys when JWT_ISSUER is set and no key source is', () => {
    const config = parseConfig({ JWT_ISSUER: 'https://a.example/, https://b.example/tenant' });
    expect(config.keySource).toEqual({
      kind: 'discovery',
      issuers: ['https://a.example/', 'https://b.example/tenant'],
    });
    expect(configError({ JWT_ISSUER: 'http://idp.example/' })).toMatchObject({
      code: 'invalid_value',
      variable: 'JWT_ISSUER',
    });
    expect(configError({ JWT_ISSUER: 'urn:example:idp' })).toMatchObject({
      code: 'invalid_value',
      variable: 'JWT_ISSUER',
    });
    // with a key source set, issuers are only compared, so any string is an issuer
    expect(parseConfig({ JWT_PUBLIC_KEY: PEM, JWT_ISSUER: 'urn:example:idp' }).verify.issuer).toEqual([
      'urn:example:idp',
    ]);
  });

  it('reads the key-source durations with their defaults', () => {
    expect(parseConfig({ JWT_PUBLIC_KEY: PEM }).keyCache).toEqual({
      ttlSeconds: 300,
      staleIfErrorSeconds: 3600,
      fetchTimeoutMs: 2000,
      jwksCooldownSeconds: 30,
    });
    const env = {
      JWT_PUBLIC_KEY: PEM,
      KEY_STALE_IF_ERROR_SECONDS: '0',
      KEY_FETCH_TIMEOUT_MS: '500',
      JWKS_COOLDOWN_SECONDS: '5',
    };
    expect(parseConfig(env).keyCache).toMatchObject({
      staleIfErrorSeconds: 0,
      fetchTimeoutMs: 500,
      jwksCooldownSeconds: 5,
    });
    for (const [variable, value] of [
      ['KEY_FETCH_TIMEOUT_MS', '50'],
      ['JWKS_COOLDOWN_SECONDS', '0'],
      ['KEY_STALE_IF_ERROR_SECONDS', 'x'],
    ]) {
      expect(configError({ JWT_PUBLIC_KEY: PEM, [variable as string]: value })).toMatchObject({ variable });
    }
  });

  it('reads LOG_LEVEL and METRICS_NAMESPACE', () => {
    expect(parseConfig({ JWT_PUBLIC_KEY: PEM }).lambda).toEqual({
      logLevel: 'INFO',
      metricsNamespace: 'JwtAuthorizer',
    });
    expect(parseConfig({ JWT_PUBLIC_KEY: PEM, LOG_LEVEL: 'ERROR', METRICS_NAMESPACE: 'Team/Auth' }).lambda).toEqual({
      logLevel: 'ERROR',
      metricsNamespace: 'Team/Auth',
    });
    for (const [variable, value] of [
      ['LOG_LEVEL', 'verbose'],
      ['METRICS_NAMESPACE', 'AWS/Lambda'],
      ['METRICS_NAMESPACE', 'a b'],
    ]) {
      expect(configError({ JWT_PUBLIC_KEY: PEM, [variable as string]: value })).toMatchObject({ variable });
    }
  });

  it('accepts plain http only for loopback hosts', () => {
    for (const uri of ['http://localhost:8080/jwks', 'http://127.0.0.1/jwks', 'http://[::1]:9000/jwks']) {
      expect(parseConfig({ JWKS_URI: uri }).keySource.kind).toBe('jwks');
    }
  });

  it('accepts a literal execute-api pattern for one API', () => {
    const pattern = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/*/GET/*';
    expect(parseConfig({ JWT_PUBLIC_KEY: PEM, POLICY_RESOURCE: pattern }).response.policyResource).toEqual({ pattern });
  });

  it('never puts key material in its messages', () => {
    expect(configError({ JWT_PUBLIC_KEY: PEM, JWKS_URI: 'https://x.example/' }).message).not.toContain('MIIB');
  });

  it('reads ROUTE_SCOPES, only with POLICY_RESOURCE=stage', () => {
    const key = { JWT_PUBLIC_KEY: 'k' };
    expect(parseConfig(key).response.routeRules).toBeUndefined();
    expect(parseConfig({ ...key, ROUTE_SCOPES: '{"GET /pets": "r"}' }).response.routeRules).toMatchObject([
      { route: 'GET /pets', conditions: [{ claim: 'scope', values: ['r'] }] },
    ]);
    const error = configError({ ...key, ROUTE_SCOPES: '{"GET /pets": "r"}', POLICY_RESOURCE: 'method' });
    expect(error).toMatchObject({ code: 'invalid_value', variable: 'ROUTE_SCOPES' });
  });

  it('reads ROUTE_RULES into the same rules, only with POLICY_RESOURCE=stage', () => {
    const key = { JWT_PUBLIC_KEY: 'k' };
    const rules = '{"GET /tenants/{tenant_id}/*": {"cognito:groups": "members"}}';
    expect(parseConfig({ ...key, ROUTE_RULES: rules }).response.routeRules).toMatchObject([
      { route: 'GET /tenants/{tenant_id}/*', conditions: [{ claim: 'cognito:groups', values: ['members'] }] },
    ]);
    expect(parseConfig({ ...key, ROUTE_RULES: '  ', ROUTE_SCOPES: '' }).response.routeRules).toBeUndefined();
    const literal = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/*';
    expect(configError({ ...key, ROUTE_RULES: rules, POLICY_RESOURCE: literal })).toMatchObject({
      code: 'invalid_value',
      variable: 'ROUTE_RULES',
      message: expect.stringContaining('needs POLICY_RESOURCE=stage'),
    });
    expect(configError({ ...key, ROUTE_RULES: '{"GET /x": {"g": []}}' })).toMatchObject({ variable: 'ROUTE_RULES' });
  });

  it('refuses ROUTE_SCOPES and ROUTE_RULES set together, naming both', () => {
    const error = configError({ JWT_PUBLIC_KEY: 'k', ROUTE_SCOPES: '{"GET /a": []}', ROUTE_RULES: '{"GET /b": {}}' });
    expect(error).toMatchObject({ code: 'invalid_value', variable: 'ROUTE_SCOPES + ROUTE_RULES' });
    expect(error.message).toMatch(/^ROUTE_SCOPES \+ ROUTE_RULES: set at most one/);
  });
});

describe('parseConfig().verify', () => {
  it('holds every verification setting, ready for the verifier', () => {
    const config = parseConfig({
      JWT_PUBLIC_KEY: PEM,
      JWT_ALGORITHMS: 'ES256',
      JWT_ISSUER: 'https://idp/',
      JWT_AUDIENCE: 'api',
      JWT_CLOCK_TOLERANCE_SECONDS: '5',
      JWT_REQUIRED_CLAIMS: 'exp,jti',
      PRINCIPAL_CLAIM: 'client_id',
    });
    expect(config.verify).toEqual({
      algorithms: ['ES256'],
      issuer: ['https://idp/'],
      audience: ['api'],
      clockToleranceSeconds: 5,
      requiredClaims: ['exp', 'jti'],
      principalClaim: ['client_id'],
    });
  });
});

describe('parseConfig at its edges', () => {
  it('reads CONTEXT_CLAIMS=* as every claim, not as a claim named "*"', () => {
    expect(parseConfig({ JWT_PUBLIC_KEY: PEM, CONTEXT_CLAIMS: ' * ' }).response.contextClaims).toBe('*');
  });

  it('trims single values and drops empty list items', () => {
    const config = parseConfig({ JWT_PUBLIC_KEY: PEM, PRINCIPAL_CLAIM: ' email ', JWT_AUDIENCE: 'a,, b ,' });
    expect(config.verify.principalClaim).toEqual(['email']);
    expect(config.verify.audience).toEqual(['a', 'b']);
  });

  it('accepts the largest values of its ranges', () => {
    const config = parseConfig({
      JWT_PUBLIC_KEY: PEM,
      JWT_CLOCK_TOLERANCE_SECONDS: '300',
      KEY_CACHE_TTL_SECONDS: '86400',
    });
    expect(config).toMatchObject({ verify: { clockToleranceSeconds: 300 }, keyCache: { ttlSeconds: 86_400 } });
  });

  it('accepts http for loopback hosts only, matched whole', () => {
    expect(parseConfig({ JWKS_URI: 'http://127.0.0.10:8080/jwks' }).keySource.kind).toBe('jwks');
    for (const uri of [
      'http://xlocalhost/jwks',
      'http://localhost.evil.example/jwks',
      'http://127.0.0.1.evil.example/jwks',
      'ftp://localhost/jwks',
    ]) {
      expect(configError({ JWKS_URI: uri })).toMatchObject({ code: 'invalid_value', variable: 'JWKS_URI' });
    }
  });

  it('accepts literal patterns of every partition and region shape, for one API only', () => {
    for (const pattern of [
      'arn:aws-cn:execute-api:cn-north-1:123456789012:abcdef1234/*/*/*',
      'arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:abcdef1234/prod/GET/*',
      'arn:aws:execute-api:ap-southeast-10:123456789012:abcdef1234/prod/*/*',
    ]) {
      expect(parseConfig({ JWT_PUBLIC_KEY: PEM, POLICY_RESOURCE: pattern }).response.policyResource).toEqual({
        pattern,
      });
    }
    for (const pattern of [
      'arn:aws:execute-api:us-east-1:123456789012:*',
      'arn:aws:execute-api:us-east-1:123456789012:abcdef1234',
      'xarn:aws:execute-api:us-east-1:123456789012:abcdef1234/*',
      'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod\n/*',
    ]) {
      expect(configError({ JWT_PUBLIC_KEY: PEM, POLICY_RESOURCE: pattern }).variable).toBe('POLICY_RESOURCE');
    }
  });

  it('says why each value is refused', () => {
    const cases: Array<[Env, RegExp]> = [
      [
        {},
        /^JWT_PUBLIC_KEY \| JWT_PUBLIC_KEY_SSM_PARAMETER \| JWKS_URI \| COGNITO_USER_POOL_ID: set exactly one key source, or JWT_ISSUER alone/,
      ],
      [{ JWT_PUBLIC_KEY: PEM, JWKS_URI: 'https://x.example/' }, /not several/],
      [{ JWKS_URI: 'not a url' }, /is not a URL/],
      [{ JWKS_URI: 'http://idp.example/' }, /https URL/],
      [{ JWT_PUBLIC_KEY: PEM, JWT_ALGORITHMS: 'None' }, /"none" is never accepted/],
      [{ JWT_PUBLIC_KEY: PEM, JWT_ALGORITHMS: 'hs256' }, /hs256 is never accepted: every key source holds public keys/],
      [{ JWT_PUBLIC_KEY: PEM, JWT_ALGORITHMS: 'HS1024' }, /HS1024 is never accepted/],
      [{ JWT_PUBLIC_KEY: PEM, JWT_ALGORITHMS: 'xHS256' }, /unknown algorithm "xHS256"/],
      [{ JWT_PUBLIC_KEY: PEM, JWT_ALGORITHMS: 'HS256x' }, /unknown algorithm "HS256x"/],
      [{ JWT_PUBLIC_KEY: PEM, JWT_ALGORITHMS: 'HSabc' }, /unknown algorithm "HSabc"/],
      [{ JWT_PUBLIC_KEY: PEM, KEY_CACHE_TTL_SECONDS: '86401' }, /whole number from 0 to 86400, got "86401"/],
      [{ JWT_PUBLIC_KEY: PEM, HTTP_API_RESPONSE: 'iam' }, /must be one of simple, policy, got "iam"/],
      [{ JWT_PUBLIC_KEY: PEM, POLICY_RESOURCE: '*' }, /"stage", "method", or an execute-api ARN naming one API/],
    ];
    for (const [env, message] of cases) expect(configError(env).message).toMatch(message);
  });
});

describe('parseConfig for identity providers', () => {
  const POOL = 'eu-west-1_AbCdEf123';

  it('makes COGNITO_USER_POOL_ID a JWKS source and the issuer, with access tokens only', () => {
    const config = parseConfig({ COGNITO_USER_POOL_ID: POOL, JWT_AUDIENCE: 'web-client' });
    expect(config.keySource).toEqual({
      kind: 'jwks',
      uri: new URL(`https://cognito-idp.eu-west-1.amazonaws.com/${POOL}/.well-known/jwks.json`),
    });
    expect(config.verify).toMatchObject({
      issuer: [`https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`],
      audience: ['web-client'],
      claimValues: { token_use: 'access' },
    });
    expect(config.warnings).toEqual([]);
  });

  it('refuses COGNITO_USER_POOL_ID with another key source or with JWT_ISSUER, and a malformed pool id', () => {
    expect(configError({ COGNITO_USER_POOL_ID: POOL, JWKS_URI: 'https://x.example/jwks' })).toMatchObject({
      code: 'conflicting_key_sources',
      variable: 'JWKS_URI + COGNITO_USER_POOL_ID',
    });
    expect(configError({ COGNITO_USER_POOL_ID: POOL, JWT_ISSUER: 'https://idp.example/' })).toMatchObject({
      code: 'conflicting_key_sources',
      variable: 'COGNITO_USER_POOL_ID + JWT_ISSUER',
    });
    expect(configError({ COGNITO_USER_POOL_ID: 'AbCdEf123' })).toMatchObject({
      code: 'invalid_value',
      variable: 'COGNITO_USER_POOL_ID',
    });
  });

  it('refuses a {tid} issuer without a key source: keys are not discovered per tenant', () => {
    const error = configError({ JWT_ISSUER: 'https://login.microsoftonline.com/{tid}/v2.0' });
    expect(error).toMatchObject({ code: 'invalid_value', variable: 'JWT_ISSUER' });
    expect(error.message).toMatch(/needs a key source \(JWKS_URI, \.\.\.\): its keys cannot be discovered/);
    const withKeys = parseConfig({
      JWKS_URI: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
      JWT_ISSUER: 'https://login.microsoftonline.com/{tid}/v2.0',
      JWT_CLAIM_VALUES: '{"tid":["72f988bf-86f1-41af-91ab-2d7cd011db47"]}',
    });
    expect(withKeys.verify.issuer).toEqual(['https://login.microsoftonline.com/{tid}/v2.0']);
    expect(withKeys.warnings).toEqual([]);
  });

  it.each([
    ['JWT_TYPE', 'at jwt'],
    ['JWT_TYPE', 'application/'],
    ['JWT_TYPE', 'a/b/c'],
    ['JWT_MAX_TOKEN_AGE_SECONDS', '0'],
    ['JWT_MAX_TOKEN_AGE_SECONDS', '10m'],
    ['JWT_CLAIM_VALUES', '{"token_use": null}'],
    ['JWT_CLAIM_VALUES', 'token_use=access'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(configError({ JWT_PUBLIC_KEY: PEM, [variable]: value })).toMatchObject({ code: 'invalid_value', variable });
  });
});

describe('parseConfig for token sources, usage identifiers and certificate binding', () => {
  it('reads the Authorization header alone by default, with no usage identifier and no binding', () => {
    const config = parseConfig({ JWT_PUBLIC_KEY: PEM, JWT_ISSUER: 'https://idp.example/' });
    expect(config.request).toEqual({
      tokenSources: [{ kind: 'header', name: 'Authorization' }],
      clientCertBinding: 'off',
    });
    expect(config.verify.usageIdentifierClaim).toBeUndefined();
    expect(config.warnings).toEqual([]);
  });

  it('reads TOKEN_SOURCES in order, USAGE_IDENTIFIER_CLAIM and CLIENT_CERT_BINDING=required', () => {
    const config = parseConfig({
      JWT_PUBLIC_KEY: PEM,
      JWT_ISSUER: 'https://idp.example/',
      TOKEN_SOURCES: 'cookie:session, header:X-Api-Token',
      USAGE_IDENTIFIER_CLAIM: ' api_key ',
      CLIENT_CERT_BINDING: 'required',
    });
    expect(config.request).toEqual({
      tokenSources: [
        { kind: 'cookie', name: 'session' },
        { kind: 'header', name: 'X-Api-Token' },
      ],
      clientCertBinding: 'required',
    });
    expect(config.verify.usageIdentifierClaim).toBe('api_key');
    expect(config.warnings).toEqual([]);
  });

  it('warns once per query source that tokens in URLs end up in access logs', () => {
    const { warnings } = parseConfig({
      JWT_PUBLIC_KEY: PEM,
      JWT_ISSUER: 'https://idp.example/',
      TOKEN_SOURCES: 'header:Authorization,query:token,query:access_token',
    });
    expect(warnings).toEqual([
      expect.stringMatching(/^TOKEN_SOURCES reads query:token: .*access logs/),
      expect.stringMatching(/^TOKEN_SOURCES reads query:access_token: /),
    ]);
  });

  it.each([
    ['TOKEN_SOURCES', 'Authorization'],
    ['TOKEN_SOURCES', 'header:Authorization,header:authorization'],
    ['TOKEN_SOURCES', 'cookie:a b'],
    ['CLIENT_CERT_BINDING', 'true'],
    ['CLIENT_CERT_BINDING', 'Required'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(configError({ JWT_PUBLIC_KEY: PEM, [variable]: value })).toMatchObject({ code: 'invalid_value', variable });
  });
});
