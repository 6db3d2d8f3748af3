import { parseConfig } from '@jwt-authorizer/config';
import { Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { type AuthorizerSettings, authorizerEnvironment } from '../src/authorizer-environment.ts';

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

  it('writes token sources comma-joined, the usage identifier claim and certificate binding', () => {
    expect(
      authorizerEnvironment({
        keySource: { jwksUri: 'https://idp.example/jwks.json' },
        tokenSources: ['header:Authorization', 'query:token', 'cookie:session'],
        usageIdentifierClaim: 'api_key',
        clientCertBinding: 'required',
      }),
    ).toEqual({
      JWKS_URI: 'https://idp.example/jwks.json',
      TOKEN_SOURCES: 'header:Authorization,query:token,cookie:session',
      USAGE_IDENTIFIER_CLAIM: 'api_key',
      CLIENT_CERT_BINDING: 'required',
    });
  });

  it('writes "*" for all context claims', () => {
    expect(authorizerEnvironment({ keySource: { publicKey: 'pem' }, contextClaims: '*' })).toMatchObject({
      CONTEXT_CLAIMS: '*',
    });
  });

  it('writes the identity-provider settings: a user pool, types, claim values as JSON, token age, principal list', () => {
    expect(
      authorizerEnvironment({
        keySource: { cognitoUserPoolId: 'eu-west-1_AbCdEf123' },
        audience: ['web-client', 'mobile-client'],
        tokenTypes: ['at+jwt'],
        claimValues: { 'cognito:groups': ['admins'], email_verified: true },
        maxTokenAge: Duration.hours(1),
        principalClaim: ['username', 'cognito:username'],
      }),
    ).toEqual({
      COGNITO_USER_POOL_ID: 'eu-west-1_AbCdEf123',
      JWT_AUDIENCE: 'web-client,mobile-client',
      JWT_TYPE: 'at+jwt',
      JWT_CLAIM_VALUES: '{"cognito:groups":["admins"],"email_verified":true}',
      JWT_MAX_TOKEN_AGE_SECONDS: '3600',
      PRINCIPAL_CLAIM: 'username,cognito:username',
    });
  });

  it('writes one principal claim as it is', () => {
    expect(authorizerEnvironment({ keySource: { publicKey: 'pem' }, principalClaim: 'oid' })).toMatchObject({
      PRINCIPAL_CLAIM: 'oid',
    });
  });
});

// The CDK props docs/identity-providers.md gives for each provider, and the environment they become: the very
// environment the built-bundle suites (cognito-local, identity-providers, oidc-provider) run, with real key URLs.
const PROVIDERS: Array<[string, AuthorizerSettings, Record<string, string>]> = [
  [
    'Amazon Cognito',
    {
      keySource: { cognitoUserPoolId: 'eu-west-1_AbCdEf123' },
      audience: ['1example23456789'],
      principalClaim: ['username', 'cognito:username'],
    },
    {
      COGNITO_USER_POOL_ID: 'eu-west-1_AbCdEf123',
      JWT_AUDIENCE: '1example23456789',
      PRINCIPAL_CLAIM: 'username,cognito:username',
    },
  ],
  [
    'Entra ID, one tenant',
    {
      keySource: {
        jwksUri: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/discovery/v2.0/keys',
      },
      issuer: ['https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0'],
      audience: ['6e74172b-be56-4843-9ff4-e66a39bb12e3'],
      principalClaim: 'oid',
    },
    {
      JWKS_URI: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/discovery/v2.0/keys',
      JWT_ISSUER: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
      JWT_AUDIENCE: '6e74172b-be56-4843-9ff4-e66a39bb12e3',
      PRINCIPAL_CLAIM: 'oid',
    },
  ],
  [
    'Entra ID, multi-tenant',
    {
      keySource: { jwksUri: 'https://login.microsoftonline.com/common/discovery/v2.0/keys' },
      issuer: ['https://login.microsoftonline.com/{tid}/v2.0'],
      audience: ['6e74172b-be56-4843-9ff4-e66a39bb12e3'],
      claimValues: { tid: ['72f988bf-86f1-41af-91ab-2d7cd011db47', '5a3d6d8b-0b6e-4c2f-9f2e-1c4b8a7d9e10'] },
      principalClaim: 'oid',
    },
    {
      JWKS_URI: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
      JWT_ISSUER: 'https://login.microsoftonline.com/{tid}/v2.0',
      JWT_AUDIENCE: '6e74172b-be56-4843-9ff4-e66a39bb12e3',
      JWT_CLAIM_VALUES: '{"tid":["72f988bf-86f1-41af-91ab-2d7cd011db47","5a3d6d8b-0b6e-4c2f-9f2e-1c4b8a7d9e10"]}',
      PRINCIPAL_CLAIM: 'oid',
    },
  ],
  [
    'Auth0',
    {
      keySource: { jwksUri: 'https://example-tenant.us.auth0.com/.well-known/jwks.json' },
      issuer: ['https://example-tenant.us.auth0.com/'],
      audience: ['https://api.example.com/orders'],
    },
    {
      JWKS_URI: 'https://example-tenant.us.auth0.com/.well-known/jwks.json',
      JWT_ISSUER: 'https://example-tenant.us.auth0.com/',
      JWT_AUDIENCE: 'https://api.example.com/orders',
    },
  ],
  [
    'Okta',
    {
      keySource: { jwksUri: 'https://example.okta.com/oauth2/default/v1/keys' },
      issuer: ['https://example.okta.com/oauth2/default'],
      audience: ['api://default'],
      principalClaim: ['uid', 'sub'],
    },
    {
      JWKS_URI: 'https://example.okta.com/oauth2/default/v1/keys',
      JWT_ISSUER: 'https://example.okta.com/oauth2/default',
      JWT_AUDIENCE: 'api://default',
      PRINCIPAL_CLAIM: 'uid,sub',
    },
  ],
  [
    'Keycloak',
    {
      keySource: { jwksUri: 'https://keycloak.example.com/realms/example/protocol/openid-connect/certs' },
      issuer: ['https://keycloak.example.com/realms/example'],
      audience: ['orders-api'],
      claimValues: { typ: 'Bearer' },
    },
    {
      JWKS_URI: 'https://keycloak.example.com/realms/example/protocol/openid-connect/certs',
      JWT_ISSUER: 'https://keycloak.example.com/realms/example',
      JWT_AUDIENCE: 'orders-api',
      JWT_CLAIM_VALUES: '{"typ":"Bearer"}',
    },
  ],
  [
    'Google',
    {
      keySource: { jwksUri: 'https://www.googleapis.com/oauth2/v3/certs' },
      issuer: ['https://accounts.google.com', 'accounts.google.com'],
      audience: ['1234987819200-abc123def456.apps.googleusercontent.com'],
      claimValues: { email_verified: true, hd: 'example.com' },
    },
    {
      JWKS_URI: 'https://www.googleapis.com/oauth2/v3/certs',
      JWT_ISSUER: 'https://accounts.google.com,accounts.google.com',
      JWT_AUDIENCE: '1234987819200-abc123def456.apps.googleusercontent.com',
      JWT_CLAIM_VALUES: '{"email_verified":true,"hd":"example.com"}',
    },
  ],
];

describe('authorizerEnvironment for the documented identity providers', () => {
  it.each(PROVIDERS)('%s: its props make the documented environment, which the Lambda accepts', (_name, props, env) => {
    expect(authorizerEnvironment(props)).toEqual(env);
    expect(parseConfig(env).warnings).toEqual([]);
  });
});
