import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { HTTP_ACCESS_LOG_FORMAT, REST_ACCESS_LOG_FORMAT } from '../src/example-stack.ts';
import { SEED_PROPS, synthExample } from './support/synth.ts';

describe('ExampleStack', () => {
  const stack = synthExample();
  const template = Template.fromStack(stack);

  it('guards GET /pets of the REST API with the TOKEN authorizer', () => {
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 300,
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      AuthorizationType: 'CUSTOM',
      AuthorizerId: { Ref: Match.stringLikeRegexp('TokenAuthorizer') },
    });
  });

  it('guards GET /pets of the HTTP API with a REQUEST authorizer, payload 2.0, simple responses', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerResultTtlInSeconds: 300,
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /pets',
      AuthorizationType: 'CUSTOM',
    });
  });

  it('keeps the REST cache and turns the HTTP API cache off with route rules (simple responses answer one route)', () => {
    const rules = Template.fromStack(synthExample({ ...SEED_PROPS, routeRules: { 'GET /pets': {} } }));
    rules.hasResourceProperties('AWS::ApiGateway::Authorizer', { AuthorizerResultTtlInSeconds: 300 });
    rules.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerResultTtlInSeconds: 0 });
  });

  it('lets API Gateway invoke the authorizer only from its own authorizers', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).filter((resource) =>
      JSON.stringify(resource).includes('JwtAuthorizerFunction'),
    );
    expect(permissions).toHaveLength(2);
    for (const permission of permissions) expect(JSON.stringify(permission)).toMatch(/authorizers\//);
  });

  it('never writes request data (the Authorization header among it) to the execution logs', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ DataTraceEnabled: false, LoggingLevel: 'ERROR' })],
    });
  });

  it('passes cdk-nag AwsSolutions: no error or warning left unsuppressed', () => {
    const findings = [
      ...Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ];
    expect(findings.map((finding) => `${finding.id}: ${String(finding.entry.data).split(':')[0]}`)).toEqual([]);
  });

  it('suppresses each remaining rule with a written reason', () => {
    type Suppressed = { Metadata?: { cdk_nag?: { rules_to_suppress: Array<{ id: string; reason: string }> } } };
    const json = template.toJSON() as Suppressed & { Resources: Record<string, Suppressed> };
    const suppressions = [json, ...Object.values(json.Resources)].flatMap(
      (holder) => holder.Metadata?.cdk_nag?.rules_to_suppress ?? [],
    );
    expect(new Set(suppressions.map((rule) => rule.id))).toEqual(
      new Set(['AwsSolutions-IAM4', 'AwsSolutions-APIG3', 'AwsSolutions-COG4']),
    );
    for (const rule of suppressions) expect(rule.reason.length).toBeGreaterThan(40);
  });
});

describe('ExampleStack with CORS, token sources and certificate binding', () => {
  const ORIGIN = 'https://app.example';
  const nagFindings = (stack: ReturnType<typeof synthExample>) =>
    [
      ...Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ].map((finding) => `${finding.id}: ${String(finding.entry.data).split(':')[0]}`);

  it('answers preflights without the authorizer, puts CORS headers on 4XX/5XX, and passes cdk-nag', () => {
    const stack = synthExample(SEED_PROPS, { corsOrigin: ORIGIN });
    const cors = Template.fromStack(stack);
    cors.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'OPTIONS', AuthorizationType: 'NONE' });
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      cors.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Access-Control-Allow-Origin': `'${ORIGIN}'` }),
      });
    }
    cors.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: [ORIGIN], AllowHeaders: ['authorization', 'content-type'] },
    });
    expect(nagFindings(stack)).toEqual([]);
  });

  it('guards the REST API with a REQUEST authorizer for a cookie, credentials allowed across origins', () => {
    const stack = synthExample({ ...SEED_PROPS, tokenSources: ['cookie:session'] }, { corsOrigin: ORIGIN });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.Cookie',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { IdentitySource: ['$request.header.Cookie'] });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'" }),
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ TOKEN_SOURCES: 'cookie:session' }) },
    });
    expect(nagFindings(stack)).toEqual([]);
  });

  it('turns both result caches off for certificate binding, with a REQUEST authorizer on the REST API', () => {
    const template = Template.fromStack(synthExample({ ...SEED_PROPS, clientCertBinding: 'required' }));
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'REQUEST', AuthorizerResultTtlInSeconds: 0 });
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerResultTtlInSeconds: 0 });
  });
});

describe('the access log formats', () => {
  it('name only variables each API type documents, and no header', () => {
    const variables = (format: string) => [...format.matchAll(/\$context\.[A-Za-z.]+/g)].map(([name]) => name);
    // HTTP APIs read any other $context.authorizer.x as a key of the authorizer's context: it would log nothing.
    expect(variables(HTTP_ACCESS_LOG_FORMAT).filter((name) => name.startsWith('$context.authorizer.'))).toEqual([
      '$context.authorizer.error',
    ]);
    for (const format of [REST_ACCESS_LOG_FORMAT, HTTP_ACCESS_LOG_FORMAT]) {
      expect(variables(format)).toContain('$context.requestId');
      expect(format).not.toMatch(/header|identity/i);
    }
  });

  it('log no query string and no raw path, where a query token would be written', () => {
    for (const format of [REST_ACCESS_LOG_FORMAT, HTTP_ACCESS_LOG_FORMAT]) {
      expect(format).not.toMatch(/querystring|\$context\.path|rawQueryString|\$request\./i);
    }
  });
});
