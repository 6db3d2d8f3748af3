import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { describe, expect, it } from 'vitest';
import { addCorsGatewayResponses } from '../src/cors-gateway-responses.ts';
import { corsProblems } from '../src/cors-problems.ts';
import { JwtAuthorizer } from '../src/jwt-authorizer.ts';
import { SEED_PROPS, testApp } from './support/synth.ts';

const ORIGIN = 'https://app.example';

/** A REST API whose GET /pets the construct's TOKEN authorizer guards; `cors` adds the API's preflight. */
function restApi(cors: boolean) {
  const stack = new Stack(testApp(), 'Test');
  const jwt = new JwtAuthorizer(stack, 'Jwt', SEED_PROPS);
  const api = new apigateway.RestApi(stack, 'Api', {
    ...(cors && { defaultCorsPreflightOptions: { allowOrigins: [ORIGIN], allowHeaders: ['Authorization'] } }),
  });
  const pets = api.root.addResource('pets');
  pets.addMethod('GET', new apigateway.MockIntegration(), { authorizer: jwt.tokenAuthorizer() });
  return { stack, jwt, api, pets };
}

const problemsOf = ({ stack }: { stack: Stack }) => stack.node.findAll().flatMap((c) => c.node.validate());

describe('corsProblems on a REST API', () => {
  it('finds nothing without CORS, and nothing with CORS and its gateway responses', () => {
    expect(problemsOf(restApi(false))).toEqual([]);
    const withCors = restApi(true);
    addCorsGatewayResponses(withCors.api);
    expect(problemsOf(withCors)).toEqual([]);
  });

  it('wants CORS headers on the 4XX and 5XX gateway responses, or the browser sees a CORS error', () => {
    expect(problemsOf(restApi(true))).toEqual([
      expect.stringMatching(/no DEFAULT_4XX gateway response with CORS headers/),
      expect.stringMatching(/no DEFAULT_5XX gateway response with CORS headers/),
    ]);
    const partial = restApi(true);
    addCorsGatewayResponses(partial.api);
    partial.api.addGatewayResponse('Unauthorized', { type: apigateway.ResponseType.UNAUTHORIZED });
    expect(problemsOf(partial)).toEqual([
      expect.stringMatching(/the UNAUTHORIZED gateway response has no CORS headers/),
    ]);
  });

  it('wants every OPTIONS method unauthorized, and an OPTIONS beside an authorized ANY', () => {
    const options = restApi(false);
    options.api.root.addResource('web', { defaultCorsPreflightOptions: { allowOrigins: [ORIGIN] } });
    options.api.root
      .addResource('admin')
      .addMethod('OPTIONS', new apigateway.MockIntegration(), { authorizer: options.jwt.tokenAuthorizer('Other') });
    addCorsGatewayResponses(options.api, { allowOrigin: ORIGIN });
    expect(problemsOf(options)).toEqual([expect.stringMatching(/OPTIONS \/admin is authorized/)]);

    const any = restApi(false);
    any.api.root.addResource('web', { defaultCorsPreflightOptions: { allowOrigins: [ORIGIN] } });
    any.api.root.addResource('app').addMethod('ANY', new apigateway.MockIntegration(), {
      authorizer: any.jwt.tokenAuthorizer('Any'),
    });
    addCorsGatewayResponses(any.api, { allowOrigin: ORIGIN });
    expect(problemsOf(any)).toEqual([expect.stringMatching(/ANY \/app takes the preflight to the authorizer/)]);
  });

  it('fails synth with the problems, so nothing reaches a deployment', () => {
    expect(() => Template.fromStack(restApi(true).stack)).toThrow(/DEFAULT_4XX/);
  });

  it('looks only at APIs the construct guards', () => {
    const { stack, jwt } = restApi(false);
    const other = new apigateway.RestApi(stack, 'Other', { defaultCorsPreflightOptions: { allowOrigins: [ORIGIN] } });
    other.root.addMethod('GET', new apigateway.MockIntegration());
    expect(corsProblems(jwt, { rest: [], http: [] })).toEqual([]);
    expect(problemsOf({ stack })).toEqual([]);
  });
});

describe('corsProblems on an HTTP API', () => {
  function httpApi(path: string, method: apigwv2.HttpMethod) {
    const stack = new Stack(testApp(), 'Test');
    const jwt = new JwtAuthorizer(stack, 'Jwt', SEED_PROPS);
    const api = new apigwv2.HttpApi(stack, 'Api', { corsPreflight: { allowOrigins: [ORIGIN] } });
    const integration = new HttpUrlIntegration('Backend', 'https://backend.example');
    api.addRoutes({ path, methods: [method], integration, authorizer: jwt.httpAuthorizer() });
    return { stack, api, integration };
  }

  it('finds nothing for method routes, which API Gateway answers preflights for itself', () => {
    expect(problemsOf(httpApi('/pets', apigwv2.HttpMethod.GET))).toEqual([]);
  });

  it('wants an unauthorized OPTIONS /{proxy+} beside an authorized ANY route', () => {
    const any = httpApi('/{proxy+}', apigwv2.HttpMethod.ANY);
    expect(problemsOf(any)).toEqual([expect.stringMatching(/ANY \/\{proxy\+\} takes preflights to the authorizer/)]);
    any.api.addRoutes({ path: '/{proxy+}', methods: [apigwv2.HttpMethod.OPTIONS], integration: any.integration });
    expect(problemsOf(any)).toEqual([]);
  });
});
