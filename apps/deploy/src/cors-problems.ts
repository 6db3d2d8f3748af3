import { Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type { Construct } from 'constructs';

/** The authorizers a construct made, by the `authorizerId` their methods and routes name. */
export interface AuthorizerIds {
  rest: readonly string[];
  http: readonly string[];
}

const isUnauthorized = (type: string | undefined) => type === undefined || type === 'NONE';

/**
 * What would keep a browser from seeing the authorizer's real 401 or 403 on the APIs of `scope`'s stack that use
 * one of `ids`, when they have CORS: a preflight (`OPTIONS`, which carries no credentials by the Fetch standard)
 * sent to the authorizer and refused, or a refusal without CORS headers. Checked at synth by the construct.
 * - REST API: every `OPTIONS` method unauthorized; a resource with an authorized `ANY` method has an `OPTIONS`
 *   method (else `ANY` takes the preflight); `DEFAULT_4XX` and `DEFAULT_5XX` gateway responses, and any other
 *   gateway response of the API, carry `Access-Control-Allow-Origin` (see `addCorsGatewayResponses`).
 * - HTTP API: every `OPTIONS` route unauthorized; an authorized `ANY` or `$default` route takes preflights unless an
 *   unauthorized `OPTIONS /{proxy+}` route exists (http-api-cors.html).
 *
 * @example
 * ```ts
 * this.node.addValidation({ validate: () => corsProblems(this, { rest: [authorizer.authorizerId], http: [] }) });
 * ```
 */
export function corsProblems(scope: Construct, ids: AuthorizerIds): string[] {
  const constructs = Stack.of(scope).node.findAll();
  const problems: string[] = [];
  for (const api of constructs.filter((c): c is apigateway.RestApi => c instanceof apigateway.RestApi)) {
    problems.push(...restProblems(api, ids.rest));
  }
  for (const api of constructs.filter((c): c is apigwv2.HttpApi => c instanceof apigwv2.HttpApi)) {
    problems.push(...httpProblems(api, ids.http));
  }
  return problems;
}

function restProblems(api: apigateway.RestApi, ids: readonly string[]): string[] {
  const methods = api.methods.map((method) => ({ method, cfn: method.node.defaultChild as apigateway.CfnMethod }));
  const ours = methods.filter(({ cfn }) => typeof cfn.authorizerId === 'string' && ids.includes(cfn.authorizerId));
  const options = methods.filter(({ method }) => method.httpMethod === 'OPTIONS');
  const hasCors = options.length > 0 || methods.some(({ method }) => method.resource.defaultCorsPreflightOptions);
  if (ours.length === 0 || !hasCors) return [];
  const name = api.node.path;
  const problems: string[] = [];
  for (const { method, cfn } of options) {
    if (!isUnauthorized(cfn.authorizationType)) {
      problems.push(`${name}: OPTIONS ${method.resource.path} is authorized: a browser's preflight carries no token`);
    }
  }
  for (const { method } of ours.filter(({ method }) => method.httpMethod === 'ANY')) {
    if (!options.some((other) => other.method.resource === method.resource)) {
      problems.push(
        `${name}: ANY ${method.resource.path} takes the preflight to the authorizer: add an OPTIONS method`,
      );
    }
  }
  const responses = api.node
    .findAll()
    .filter((c): c is apigateway.CfnGatewayResponse => c instanceof apigateway.CfnGatewayResponse);
  const allowsOrigin = (response: apigateway.CfnGatewayResponse) => {
    const parameters = response.responseParameters;
    return (
      !Token.isUnresolved(parameters) &&
      typeof parameters === 'object' &&
      Object.hasOwn(parameters, 'gatewayresponse.header.Access-Control-Allow-Origin')
    );
  };
  for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
    if (!responses.some((response) => response.responseType === type && allowsOrigin(response))) {
      problems.push(
        `${name}: no ${type} gateway response with CORS headers: browsers see a CORS error, not the status`,
      );
    }
  }
  for (const response of responses.filter((each) => !allowsOrigin(each))) {
    problems.push(`${name}: the ${response.responseType} gateway response has no CORS headers`);
  }
  return problems;
}

function httpProblems(api: apigwv2.HttpApi, ids: readonly string[]): string[] {
  const cors = (api.node.defaultChild as apigwv2.CfnApi).corsConfiguration;
  const routes = api.node.findAll().filter((c): c is apigwv2.CfnRoute => c instanceof apigwv2.CfnRoute);
  const ours = routes.filter((route) => typeof route.authorizerId === 'string' && ids.includes(route.authorizerId));
  if (cors === undefined || ours.length === 0) return [];
  const name = api.node.path;
  const problems: string[] = [];
  for (const route of routes.filter((each) => each.routeKey.startsWith('OPTIONS '))) {
    if (!isUnauthorized(route.authorizationType))
      problems.push(`${name}: ${route.routeKey} is authorized: a preflight carries no token`);
  }
  const catchAll = ours.filter((route) => route.routeKey === '$default' || route.routeKey.startsWith('ANY '));
  const preflightRoute = routes.some(
    (route) => route.routeKey === 'OPTIONS /{proxy+}' && isUnauthorized(route.authorizationType),
  );
  for (const route of preflightRoute ? [] : catchAll) {
    problems.push(
      `${name}: ${route.routeKey} takes preflights to the authorizer: add an unauthorized OPTIONS /{proxy+} route`,
    );
  }
  return problems;
}
