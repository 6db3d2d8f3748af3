import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type ConfigError, KeySourceError } from '@jwt-authorizer/core';
import { createWeakRsaPublicKey, SEED_PUBLIC_KEY } from '@jwt-authorizer/test-fixtures';
import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUrlIntegration, WebSocketMockIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { describe, expect, it } from 'vitest';
import { BARE_TOKEN_PATTERN } from '../src/bearer-token-pattern.ts';
import { JwtAuthorizer, type JwtAuthorizerProps } from '../src/jwt-authorizer.ts';
import { SEED_PROPS, synthAuthorizer, testApp } from './support/synth.ts';

const PARAMETER_ARN = 'arn:aws:ssm:eu-west-1:123456789012:parameter/jwt/public-key';
const KMS_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** Every IAM statement of the template, across policies. */
function statements(template: Template): unknown[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties.PolicyDocument.Statement,
  );
}

const LOGS_STATEMENT = {
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Effect: 'Allow',
  Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^JwtLogGroup'), 'Arn'] },
};

describe('JwtAuthorizer', () => {
  it('deploys the built dist/ as a nodejs24.x arm64 function with handler index.handler', () => {
    const { template } = synthAuthorizer();
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 10,
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^JwtLogGroup') } },
    });
  });

  it('stages the same index.mjs the authorizer tests ran, without the zip', () => {
    const app = testApp();
    new JwtAuthorizer(new Stack(app, 'Test'), 'Jwt', SEED_PROPS);
    const out = app.synth().directory;
    const assets = readdirSync(out).filter((name) => name.startsWith('asset.'));
    expect(assets).toHaveLength(1);
    const files = readdirSync(join(out, assets[0] as string));
    expect(files).toContain('index.mjs');
    expect(files.filter((name) => name.endsWith('.zip'))).toEqual([]);
  });

  it('passes the settings as the documented environment variables and nothing else', () => {
    const { template } = synthAuthorizer();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.exact({
          JWT_PUBLIC_KEY: SEED_PUBLIC_KEY,
          PRINCIPAL_CLAIM: 'user_id',
          JWT_REQUIRED_CLAIMS: 'user_id',
        }),
      },
    });
  });

  it('keeps logs for a month by default', () => {
    synthAuthorizer().template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('lets an inline-key function write its own logs and nothing more (no managed policy)', () => {
    const { template } = synthAuthorizer();
    expect(statements(template)).toHaveLength(1);
    template.hasResourceProperties('AWS::IAM::Policy', { PolicyDocument: { Statement: [LOGS_STATEMENT] } });
    template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });

  it('lets an SSM function read that one parameter, and decrypt nothing when no KMS key is given', () => {
    const { template } = synthAuthorizer({ keySource: { ssmParameterName: '/jwt/public-key' } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          LOGS_STATEMENT,
          {
            Action: 'ssm:GetParameter',
            Effect: 'Allow',
            Resource: {
              'Fn::Join': [
                '',
                ['arn:', { Ref: 'AWS::Partition' }, ':ssm:eu-west-1:123456789012:parameter/jwt/public-key'],
              ],
            },
          },
        ],
      },
    });
    expect(statements(template)).toHaveLength(2);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { JWT_PUBLIC_KEY_SSM_PARAMETER: '/jwt/public-key' } },
    });
  });

  it('lets a SecureString function decrypt with its KMS key only through SSM and only for its parameter', () => {
    const { template } = synthAuthorizer({ keySource: { ssmParameterName: PARAMETER_ARN, kmsKeyArn: KMS_KEY_ARN } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          LOGS_STATEMENT,
          { Action: 'ssm:GetParameter', Effect: 'Allow', Resource: PARAMETER_ARN },
          {
            Action: 'kms:Decrypt',
            Effect: 'Allow',
            Resource: KMS_KEY_ARN,
            Condition: {
              StringEquals: {
                'kms:ViaService': { 'Fn::Join': ['', ['ssm.eu-west-1.', { Ref: 'AWS::URLSuffix' }]] },
                'kms:EncryptionContext:PARAMETER_ARN': PARAMETER_ARN,
              },
            },
          },
        ],
      },
    });
    expect(statements(template)).toHaveLength(3);
  });

  it('needs no IAM for a JWKS URL', () => {
    const { template } = synthAuthorizer({ keySource: { jwksUri: 'https://idp.example/.well-known/jwks.json' } });
    expect(statements(template)).toHaveLength(1);
  });

  it('deploys a Cognito user pool key source as its pool id, with no IAM: the pool keys are public', () => {
    const { template } = synthAuthorizer({
      keySource: { cognitoUserPoolId: 'eu-west-1_AbCdEf123' },
      audience: ['1example23456789'],
      principalClaim: ['username', 'cognito:username'],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.exact({
          COGNITO_USER_POOL_ID: 'eu-west-1_AbCdEf123',
          JWT_AUDIENCE: '1example23456789',
          PRINCIPAL_CLAIM: 'username,cognito:username',
        }),
      },
    });
    expect(statements(template)).toHaveLength(1);
  });

  it("takes a UserPool's id, known only at deploy, as the pool id", () => {
    const stack = new Stack(testApp(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
    const pool = new cognito.UserPool(stack, 'Pool');
    const client = pool.addClient('Web');
    new JwtAuthorizer(stack, 'Jwt', {
      keySource: { cognitoUserPoolId: pool.userPoolId },
      audience: [client.userPoolClientId],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          COGNITO_USER_POOL_ID: { Ref: Match.stringLikeRegexp('^Pool') },
          JWT_AUDIENCE: { Ref: Match.stringLikeRegexp('^PoolWeb') },
        },
      },
    });
  });

  it.each([
    [
      'a malformed user pool id',
      { keySource: { cognitoUserPoolId: 'AbCdEf123' } },
      'invalid_value',
      'COGNITO_USER_POOL_ID',
    ],
    [
      'an issuer beside a user pool',
      { keySource: { cognitoUserPoolId: 'eu-west-1_AbCdEf123' }, issuer: ['https://idp.example/'] },
      'conflicting_key_sources',
      'COGNITO_USER_POOL_ID + JWT_ISSUER',
    ],
    ['an empty claim value list', { ...SEED_PROPS, claimValues: { tid: [] } }, 'invalid_value', 'JWT_CLAIM_VALUES'],
    ['a token type that is no media type', { ...SEED_PROPS, tokenTypes: ['at jwt'] }, 'invalid_value', 'JWT_TYPE'],
    [
      'a maximum token age of 0',
      { ...SEED_PROPS, maxTokenAge: Duration.seconds(0) },
      'invalid_value',
      'JWT_MAX_TOKEN_AGE_SECONDS',
    ],
  ])("fails synth with the Lambda's message for %s", (_name, props, code, variable) => {
    expect(() => synthAuthorizer(props as JwtAuthorizerProps)).toThrow(
      expect.objectContaining({ name: 'ConfigError', code, variable }),
    );
  });

  it.each([
    ['an HMAC algorithm', { ...SEED_PROPS, algorithms: ['HS256' as never] }, 'invalid_value'],
    ['a plain-http JWKS URL', { keySource: { jwksUri: 'http://idp.example/jwks.json' } }, 'invalid_value'],
    [
      "the tutorial's account-wide policy",
      { ...SEED_PROPS, policyResource: 'arn:aws:execute-api:us-east-1:**' },
      'invalid_value',
    ],
  ])('fails synth, not the cold start, for %s', (_name, props, code) => {
    expect(() => synthAuthorizer(props)).toThrow(expect.objectContaining({ name: 'ConfigError', code }));
  });

  it("fails synth when a request for keys could outlast the function's timeout, which then ends a hung endpoint", () => {
    expect(() => synthAuthorizer({ ...SEED_PROPS, timeout: Duration.seconds(4) })).toThrow(
      /keyFetchTimeout \(2000 ms\) must leave the function's timeout \(4000 ms\) room/,
    );
    expect(() =>
      synthAuthorizer({ ...SEED_PROPS, timeout: Duration.seconds(4), keyFetchTimeout: Duration.millis(1500) }),
    ).not.toThrow();
    expect(() => synthAuthorizer({ ...SEED_PROPS, keyFetchTimeout: Duration.seconds(5) })).toThrow(/keyFetchTimeout/);
  });

  it('fails synth for an inline key the Lambda would refuse, with the error its cold start would throw', () => {
    const weak = createWeakRsaPublicKey().publicPem;
    const error = (() => {
      try {
        synthAuthorizer({ keySource: { publicKey: weak } });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toMatchObject({ name: 'ConfigError', variable: 'JWT_PUBLIC_KEY' });
    expect((error as Error).cause).toBeInstanceOf(KeySourceError);
  });

  it('makes a REST TOKEN authorizer: Authorization header, Bearer validation, 300 s result cache', () => {
    const stack = new Stack(testApp(), 'Test');
    const authorizer = new JwtAuthorizer(stack, 'Jwt', SEED_PROPS);
    const api = new apigateway.RestApi(stack, 'Api');
    api.root.addMethod('GET', new apigateway.MockIntegration(), { authorizer: authorizer.tokenAuthorizer() });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      IdentityValidationExpression: Match.stringLikeRegexp('^\\^\\[Bb\\]'),
      AuthorizerResultTtlInSeconds: 300,
    });
  });

  it('turns the result cache off for policyResource "method", and refuses a TTL that would deny other routes', () => {
    const stack = new Stack(testApp(), 'Test');
    const authorizer = new JwtAuthorizer(stack, 'Jwt', { ...SEED_PROPS, policyResource: 'method' });
    expect(() => authorizer.tokenAuthorizer('Cached', { resultsCacheTtl: Duration.seconds(60) })).toThrow(
      /resultsCacheTtl 0/,
    );
    const api = new apigateway.RestApi(stack, 'Api');
    api.root.addMethod('GET', new apigateway.MockIntegration(), { authorizer: authorizer.tokenAuthorizer() });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Authorizer', { AuthorizerResultTtlInSeconds: 0 });
  });

  it('refuses an HTTP authorizer with simple responses when the function answers with policies', () => {
    const { authorizer } = synthAuthorizer({ ...SEED_PROPS, httpApiResponse: 'policy' });
    expect(() => authorizer.httpAuthorizer()).toThrow(/simple/);
  });

  it("passes routeRules as ROUTE_RULES and checks them at synth with the Lambda's parser", () => {
    const { template } = synthAuthorizer({ ...SEED_PROPS, routeRules: { 'GET /tenants/{tenant_id}/*': {} } });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { ROUTE_RULES: '{"GET /tenants/{tenant_id}/*":{}}' } },
    });
    expect(() => synthAuthorizer({ ...SEED_PROPS, routeRules: { 'GET /tenants/{scope}': {} } })).toThrow(
      expect.objectContaining({ variable: 'ROUTE_RULES', message: expect.stringContaining('a placeholder takes one') }),
    );
    const tooMany = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`ANY /t${i}/{tenant_id}/*` as const, {}]));
    expect(() => synthAuthorizer({ ...SEED_PROPS, routeRules: tooMany })).toThrow(/8 KiB response by \d+/);
    expect(() =>
      synthAuthorizer({ ...SEED_PROPS, routeRules: { 'GET /a': {} }, routeScopes: { 'GET /b': [] } }),
    ).toThrow(expect.objectContaining({ variable: 'ROUTE_SCOPES + ROUTE_RULES' }));
  });

  it('turns the HTTP authorizer cache off with route rules, and refuses a TTL: a cached isAuthorized answers every route', () => {
    const stack = new Stack(testApp(), 'Test');
    const authorizer = new JwtAuthorizer(stack, 'Jwt', {
      ...SEED_PROPS,
      routeRules: { 'GET /tenants/{tenant_id}/*': {} },
    });
    expect(() => authorizer.httpAuthorizer('Cached', { resultsCacheTtl: Duration.seconds(60) })).toThrow(
      /route rules with simple responses need resultsCacheTtl 0/,
    );
    const api = new apigateway.RestApi(stack, 'Api');
    // A policy lists every route the token may call: the REST authorizer keeps its cache.
    api.root.addMethod('GET', new apigateway.MockIntegration(), { authorizer: authorizer.tokenAuthorizer() });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Authorizer', {
      AuthorizerResultTtlInSeconds: 300,
    });
    const scoped = new JwtAuthorizer(new Stack(testApp(), 'Scoped'), 'Jwt', {
      ...SEED_PROPS,
      routeScopes: { 'GET /a': [] },
    });
    expect(() => scoped.httpAuthorizer('Cached', { resultsCacheTtl: Duration.seconds(60) })).toThrow(
      /resultsCacheTtl 0/,
    );
  });

  it('reports configuration errors with the variable name', () => {
    expect(() => synthAuthorizer({ ...SEED_PROPS, clockTolerance: Duration.minutes(10) })).toThrow(
      expect.objectContaining({ variable: 'JWT_CLOCK_TOLERANCE_SECONDS' }) as ConfigError,
    );
  });
});

// The authorizers' identity sources and result cache, derived from tokenSources and clientCertBinding.

function restWith(props: Partial<JwtAuthorizerProps>, make: (authorizer: JwtAuthorizer) => apigateway.IAuthorizer) {
  const stack = new Stack(testApp(), 'Test');
  const authorizer = new JwtAuthorizer(stack, 'Jwt', { ...SEED_PROPS, ...props });
  const api = new apigateway.RestApi(stack, 'Api');
  api.root.addMethod('GET', new apigateway.MockIntegration(), { authorizer: make(authorizer) });
  return Template.fromStack(stack);
}

function httpWith(props: Partial<JwtAuthorizerProps>) {
  const stack = new Stack(testApp(), 'Test');
  const authorizer = new JwtAuthorizer(stack, 'Jwt', { ...SEED_PROPS, ...props });
  const api = new apigwv2.HttpApi(stack, 'Api');
  api.addRoutes({
    path: '/pets',
    integration: new HttpUrlIntegration('Backend', 'https://backend.example'),
    authorizer: authorizer.httpAuthorizer(),
  });
  return Template.fromStack(stack);
}

describe('JwtAuthorizer.tokenAuthorizer with tokenSources', () => {
  it('reads another header, validated as a bare JWT or Bearer', () => {
    restWith({ tokenSources: ['header:X-Api-Token'] }, (a) => a.tokenAuthorizer()).hasResourceProperties(
      'AWS::ApiGateway::Authorizer',
      {
        Type: 'TOKEN',
        IdentitySource: 'method.request.header.X-Api-Token',
        IdentityValidationExpression: BARE_TOKEN_PATTERN,
        AuthorizerResultTtlInSeconds: 300,
      },
    );
  });

  it.each([
    ['a query parameter', { tokenSources: ['query:token'] }, 'TOKEN_SOURCES'],
    ['a cookie', { tokenSources: ['cookie:session'] }, 'TOKEN_SOURCES'],
    ['two headers', { tokenSources: ['header:Authorization', 'header:X-Api-Token'] }, 'TOKEN_SOURCES'],
    ['certificate binding', { clientCertBinding: 'required' }, 'CLIENT_CERT_BINDING'],
  ] as const)('fails synth for %s, which a TOKEN event cannot carry', (_name, props, variable) => {
    const authorizer = new JwtAuthorizer(new Stack(testApp(), 'Test'), 'Jwt', { ...SEED_PROPS, ...props });
    expect(() => authorizer.tokenAuthorizer()).toThrow(expect.objectContaining({ name: 'ConfigError', variable }));
  });
});

describe('JwtAuthorizer.requestAuthorizer', () => {
  it('takes one token source as its identity source, a cookie as the Cookie header, and caches', () => {
    restWith({ tokenSources: ['query:token'] }, (a) => a.requestAuthorizer()).hasResourceProperties(
      'AWS::ApiGateway::Authorizer',
      { Type: 'REQUEST', IdentitySource: 'method.request.querystring.token', AuthorizerResultTtlInSeconds: 300 },
    );
    restWith({ tokenSources: ['cookie:session'] }, (a) => a.requestAuthorizer()).hasResourceProperties(
      'AWS::ApiGateway::Authorizer',
      { IdentitySource: 'method.request.header.Cookie' },
    );
  });

  it('takes no identity source and no cache for several token sources, and refuses a TTL', () => {
    const several: Partial<JwtAuthorizerProps> = { tokenSources: ['header:Authorization', 'cookie:session'] };
    restWith(several, (a) => a.requestAuthorizer()).hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: Match.absent(),
      AuthorizerResultTtlInSeconds: 0,
    });
    expect(() =>
      restWith(several, (a) => a.requestAuthorizer('Cached', { resultsCacheTtl: Duration.seconds(60) })),
    ).toThrow(/resultsCacheTtl must be 0: TOKEN_SOURCES names several sources/);
  });

  it('turns the cache off for certificate binding, and refuses a TTL: the key does not change with the certificate', () => {
    const bound: Partial<JwtAuthorizerProps> = { clientCertBinding: 'required' };
    restWith(bound, (a) => a.requestAuthorizer()).hasResourceProperties('AWS::ApiGateway::Authorizer', {
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 0,
    });
    expect(() =>
      restWith(bound, (a) => a.requestAuthorizer('Cached', { resultsCacheTtl: Duration.minutes(5) })),
    ).toThrow(/CLIENT_CERT_BINDING=required: the cache key does not change with the certificate/);
  });
});

describe('JwtAuthorizer.httpAuthorizer with tokenSources', () => {
  it('takes a query parameter or the Cookie header as its identity source', () => {
    httpWith({ tokenSources: ['query:token'] }).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      IdentitySource: ['$request.querystring.token'],
      AuthorizerResultTtlInSeconds: 300,
    });
    httpWith({ tokenSources: ['cookie:session'] }).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      IdentitySource: ['$request.header.Cookie'],
    });
  });

  it('takes none, with the cache off, for several token sources', () => {
    httpWith({ tokenSources: ['header:Authorization', 'query:token'] }).hasResourceProperties(
      'AWS::ApiGatewayV2::Authorizer',
      { IdentitySource: [], AuthorizerResultTtlInSeconds: 0 },
    );
  });
});

describe('JwtAuthorizer.webSocketAuthorizer', () => {
  it('guards $connect with a REQUEST authorizer reading the query string, its invocation allowed to API Gateway', () => {
    const stack = new Stack(testApp(), 'Test');
    const authorizer = new JwtAuthorizer(stack, 'Jwt', { ...SEED_PROPS, tokenSources: ['query:token'] });
    new apigwv2.WebSocketApi(stack, 'Ws', {
      connectRouteOptions: {
        integration: new WebSocketMockIntegration('Connect'),
        authorizer: authorizer.webSocketAuthorizer(),
      },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.querystring.token'],
      AuthorizerResultTtlInSeconds: Match.absent(),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$connect', AuthorizationType: 'CUSTOM' });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'apigateway.amazonaws.com',
      SourceArn: Match.objectLike({
        'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp('authorizers/')])]),
      }),
    });
  });

  it.each([
    ['route rules', { routeRules: { 'GET /pets': {} } }, /route rules decide HTTP routes/],
    ['route scopes', { routeScopes: { 'GET /pets': [] } }, /route rules decide HTTP routes/],
    ['certificate binding', { clientCertBinding: 'required' }, /WebSocket APIs have no mutual TLS/],
  ] as const)('fails synth with %s, which every $connect would fail', (_name, props, message) => {
    const authorizer = new JwtAuthorizer(new Stack(testApp(), 'Test'), 'Jwt', { ...SEED_PROPS, ...props });
    expect(() => authorizer.webSocketAuthorizer()).toThrow(message);
  });
});
