import { Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { authorizerEnvironment } from '../src/authorizer-environment.ts';

describe('authorizerEnvironment', () => {
  it('sets the key source variable and nothing that was not asked for', () => {
    expect(authorizerEnvironment({ keySource: { jwksUri: 'https://idp.example/jwks.json' } })).toEqual({
      JWKS_URI: 'https://idp.example/jwks.json',
    });
  });

  it('writes every setting as the variable the configuration names, lists comma-joined and durations in their unit', () => {
    const environment = authorizerEnvironment({
      keySource: { ssmParameterName: '/jwt/public-key' },
      algorithms: ['RS256', 'ES256'],
      issuer: ['https://a.example/', 'https://b.example/'],
      audience: ['api://orders'],
      clockTolerance: Duration.seconds(10),
      requiredClaims: ['exp', 'sub'],
      principalClaim: 'client_id',
      contextClaims: ['scope', 'email'],
      policyResource: 'method',
      httpApiResponse: 'policy',
      keyCacheTtl: Duration.minutes(10),
      keyStaleIfError: Duration.hours(1),
      jwksCooldown: Duration.seconds(30),
      keyFetchTimeout: Duration.seconds(2),
      routeScopes: { 'GET /admin/*': ['admin'] },
    });
    expect(environment).toEqual({
      JWT_PUBLIC_KEY_SSM_PARAMETER: '/jwt/public-key',
      JWT_ALGORITHMS: 'RS256,ES256',
      JWT_ISSUER: 'https://a.example/,https://b.example/',
      JWT_AUDIENCE: 'api://orders',
      JWT_CLOCK_TOLERANCE_SECONDS: '10',
      JWT_REQUIRED_CLAIMS: 'exp,sub',
      PRINCIPAL_CLAIM: 'client_id',
      CONTEXT_CLAIMS: 'scope,email',
      POLICY_RESOURCE: 'method',
      HTTP_API_RESPONSE: 'policy',
      KEY_CACHE_TTL_SECONDS: '600',
      KEY_STALE_IF_ERROR_SECONDS: '3600',
      JWKS_COOLDOWN_SECONDS: '30',
      KEY_FETCH_TIMEOUT_MS: '2000',
      ROUTE_SCOPES: '{"GET /admin/*":["admin"]}',
    });
  });

  it('writes ROUTE_RULES as the JSON the Lambda parses', () => {
    expect(
      authorizerEnvironment({
        keySource: { publicKey: 'pem' },
        routeRules: {
          'GET /tenants/{tenant_id}/*': {},
          'ANY /admin/*': { 'cognito:groups': ['admins'], email_verified: true },
        },
      }),
    ).toMatchObject({
      ROUTE_RULES:
        '{"GET /tenants/{tenant_id}/*":{},"ANY /admin/*":{"cognito:groups":["admins"],"email_verified":true}}',
    });
  });

  it('writes "*" for all context claims', () => {
    expect(authorizerEnvironment({ keySource: { publicKey: 'pem' }, contextClaims: '*' })).toMatchObject({
      CONTEXT_CLAIMS: '*',
    });
  });
});
