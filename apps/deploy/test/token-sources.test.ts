import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUrlIntegration, WebSocketMockIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { describe, expect, it } from 'vitest';
import { BARE_TOKEN_PATTERN } from '../src/bearer-token-pattern.ts';
import { JwtAuthorizer, type JwtAuthorizerProps } from '../src/jwt-authorizer.ts';
import { SEED_PROPS, testApp } from './support/synth.ts';

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
