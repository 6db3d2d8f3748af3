import { Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { exampleSettings } from '../src/example-settings.ts';

const from = (context: Record<string, string>) => exampleSettings((key) => context[key]);

describe('exampleSettings', () => {
  it('reads a JWKS deployment from CDK context', () => {
    expect(
      from({
        jwksUri: 'https://idp.example/jwks.json',
        issuer: 'https://idp.example/',
        audience: 'api://a, api://b',
        contextClaims: '*',
        routeScopes: '{"GET /admin/*":["admin"]}',
      }),
    ).toEqual({
      keySource: { jwksUri: 'https://idp.example/jwks.json' },
      issuer: ['https://idp.example/'],
      audience: ['api://a', 'api://b'],
      contextClaims: '*',
      routeScopes: { 'GET /admin/*': ['admin'] },
    });
  });

  it('reads token sources as a comma list, the usage identifier claim and certificate binding', () => {
    expect(
      from({
        jwksUri: 'https://idp.example/jwks.json',
        tokenSources: 'header:Authorization, cookie:session',
        usageIdentifierClaim: 'api_key',
        clientCertBinding: 'required',
      }),
    ).toEqual({
      keySource: { jwksUri: 'https://idp.example/jwks.json' },
      tokenSources: ['header:Authorization', 'cookie:session'],
      usageIdentifierClaim: 'api_key',
      clientCertBinding: 'required',
    });
  });

  it('reads routeRules as JSON text (-c) or as an object (cdk.json)', () => {
    const rules = { 'GET /tenants/{tenant_id}/*': {}, 'DELETE /pets/*': { 'cognito:groups': 'admins' } };
    const jwks = { jwksUri: 'https://idp.example/jwks.json' };
    expect(from({ ...jwks, routeRules: JSON.stringify(rules) }).routeRules).toEqual(rules);
    expect(exampleSettings((key) => ({ ...jwks, routeRules: rules })[key]).routeRules).toEqual(rules);
    expect(from({ ...jwks, routeRules: ' ' })).not.toHaveProperty('routeRules');
    expect(() => exampleSettings((key) => ({ ...jwks, routeRules: ['GET /x'] })[key])).toThrow(
      /routeRules: a JSON object/,
    );
  });

  it('reads an SSM SecureString with its KMS key', () => {
    expect(from({ ssmParameterName: '/jwt/key', kmsKeyArn: 'arn:aws:kms:eu-west-1:1:key/k' }).keySource).toEqual({
      ssmParameterName: '/jwt/key',
      kmsKeyArn: 'arn:aws:kms:eu-west-1:1:key/k',
    });
  });

  it.each([
    ['none', {}],
    ['several', { jwksUri: 'https://idp.example/jwks.json', publicKey: 'pem' }],
  ])('refuses %s of the key sources', (_name, context) => {
    expect(() => from(context)).toThrow(/exactly one key source/);
  });

  it('reads a Cognito deployment, its claim values as JSON and its lists', () => {
    expect(
      from({
        cognitoUserPoolId: 'eu-west-1_AbCdEf123',
        audience: 'web-client',
        principalClaim: 'username, cognito:username',
        claimValues: '{"cognito:groups":["admins"]}',
        tokenTypes: 'at+jwt',
        maxTokenAge: '3600',
      }),
    ).toEqual({
      keySource: { cognitoUserPoolId: 'eu-west-1_AbCdEf123' },
      audience: ['web-client'],
      principalClaim: ['username', 'cognito:username'],
      claimValues: { 'cognito:groups': ['admins'] },
      tokenTypes: ['at+jwt'],
      maxTokenAge: Duration.seconds(3600),
    });
  });

  it('refuses a maximum token age that is not whole seconds', () => {
    expect(() => from({ jwksUri: 'https://idp.example/jwks.json', maxTokenAge: '1h' })).toThrow(
      /-c maxTokenAge: a whole number of seconds, got "1h"/,
    );
  });

  it('counts a user pool among the key sources', () => {
    expect(() => from({ cognitoUserPoolId: 'eu-west-1_AbCdEf123', jwksUri: 'https://idp.example/jwks.json' })).toThrow(
      /exactly one key source/,
    );
  });
});
