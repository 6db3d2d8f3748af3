import type { AuthorizerContext } from './build-context.js';
import {
  formatConnectArn,
  formatMethodArn,
  isConnectArn,
  parseConnectArn,
  parseMethodArn,
} from './parse-method-arn.js';

/** What the allowed resource is (`POLICY_RESOURCE`): the calling stage, the exact method ARN, or a literal ARN pattern. */
export type PolicyResource = 'stage' | 'method' | { pattern: string };

/** An IAM policy statement of an authorizer response. */
export interface PolicyStatement {
  Action: 'execute-api:Invoke';
  Effect: 'Allow' | 'Deny';
  Resource: string | string[];
}

/** The response of a REST (or HTTP API `policy`) authorizer; structurally `APIGatewayAuthorizerResult`. */
export interface AuthorizerPolicyResult {
  principalId: string;
  policyDocument: { Version: '2012-10-17'; Statement: PolicyStatement[] };
  context?: AuthorizerContext;
  /** The API key of a REST API usage plan whose key source is `AUTHORIZER` (api-gateway-api-key-source.html). */
  usageIdentifierKey?: string;
}

/** The simple response of an HTTP API payload 2.0 authorizer; structurally `APIGatewaySimpleAuthorizerWithContextResult`. */
export interface AuthorizerSimpleResult {
  isAuthorized: boolean;
  context?: AuthorizerContext;
}

/**
 * The resource a policy allows for a request to `methodArn`. `stage` gives every route of the calling stage, so
 * API Gateway's cached result (per token, across routes) stays right on every route: `…/{stage}/*` + `/*` for REST
 * and HTTP APIs, `…/{stage}/*` for a WebSocket `$connect` (a WebSocket ARN has a route key, not a method and a path).
 *
 * @throws {MethodArnError} when `methodArn` is neither a method ARN nor a `$connect` ARN.
 * @example
 * ```ts
 * policyResource('stage', 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/pets');
 * // 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/*' + '/*'
 * ```
 */
export function policyResource(resource: PolicyResource, methodArn: string): string {
  if (typeof resource === 'object') return resource.pattern;
  if (isConnectArn(methodArn)) {
    const connect = parseConnectArn(methodArn);
    return formatConnectArn(resource === 'method' ? connect : { ...connect, route: '*' });
  }
  const arn = parseMethodArn(methodArn);
  return resource === 'method' ? formatMethodArn(arn) : formatMethodArn({ ...arn, method: '*', resourcePath: '*' });
}

/** Input of {@link buildPolicy}. */
export interface BuildPolicyInput {
  principalId: string;
  effect: 'Allow' | 'Deny';
  resource: string | string[];
  context?: AuthorizerContext | undefined;
  usageIdentifierKey?: string | undefined;
}

/**
 * Builds the authorizer response API Gateway expects: one `execute-api:Invoke` statement.
 *
 * @example
 * ```ts
 * buildPolicy({ principalId: 'user-1', effect: 'Allow', resource: policyResource('stage', event.methodArn) });
 * ```
 */
export function buildPolicy(input: BuildPolicyInput): AuthorizerPolicyResult {
  return {
    principalId: input.principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: input.effect, Resource: input.resource }],
    },
    ...(input.context && { context: input.context }),
    ...(input.usageIdentifierKey !== undefined && { usageIdentifierKey: input.usageIdentifierKey }),
  };
}
