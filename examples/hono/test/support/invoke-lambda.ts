import { invokeBuiltAsync } from '@jwt-authorizer/authorizer/test/support/built-handler.ts';
import { evaluatePolicy, type PolicyStatementLike } from '@jwt-authorizer/local-gateway/src/evaluate-policy.ts';
import { METHOD_ARN } from '@jwt-authorizer/test-fixtures';

/** What the Lambda decided for one request, as API Gateway applies it to the request's ARN. */
export type LambdaOutcome = 'allow' | 'deny' | 'unauthorized' | 'error';

/**
 * One request to the Lambda: its `Authorization` value (a TOKEN event), or its headers and query string (a REST
 * REQUEST event, for token sources other than the Authorization header), and the route called (default
 * `GET /pets/42`).
 */
export interface LambdaRequest {
  authorization?: string;
  headers?: Record<string, string>;
  query?: ReadonlyArray<readonly [string, string]>;
  method?: string;
  path?: string;
}

const STAGE = METHOD_ARN.slice(0, METHOD_ARN.indexOf('/prod/') + '/prod'.length);

/**
 * Invokes the built Lambda authorizer with `env` as its only configuration, once per request (a TOKEN event for its
 * route), through the authorizer's own runner of its bundle (a child process that does not block this one, so
 * loopback key servers started by the test keep answering it), and evaluates each policy against that route's ARN as API Gateway does (the local gateway's IAM evaluator):
 * `allow` only when the policy lets this very request through.
 */
export async function invokeLambda(
  env: Record<string, string>,
  requests: ReadonlyArray<string | LambdaRequest>,
): Promise<LambdaOutcome[]> {
  const arns = requests.map((request) =>
    typeof request === 'string' || request.method === undefined
      ? METHOD_ARN
      : `${STAGE}/${request.method}${request.path ?? '/'}`,
  );
  const events = requests.map((request, index) =>
    typeof request === 'string' || request.authorization !== undefined
      ? {
          type: 'TOKEN',
          authorizationToken: typeof request === 'string' ? request : request.authorization,
          methodArn: arns[index],
        }
      : requestEvent(request, arns[index] as string),
  );
  const { results } = await invokeBuiltAsync(env, events);
  return results.map(({ response, error }, index) => {
    if (!response) return error?.message === 'Unauthorized' ? 'unauthorized' : 'error';
    const { Statement } = (response as { policyDocument: { Statement: PolicyStatementLike[] } }).policyDocument;
    return evaluatePolicy(Statement, arns[index] as string) === 'allow' ? 'allow' : 'deny';
  });
}

/** A REST REQUEST event for `request`, its maps as API Gateway fills them (the single-value maps keep the last). */
function requestEvent(request: LambdaRequest, methodArn: string) {
  const headers = request.headers ?? {};
  const query = request.query ?? [];
  const multiValueQueryStringParameters: Record<string, string[]> = {};
  for (const [name, value] of query) {
    multiValueQueryStringParameters[name] = [...(multiValueQueryStringParameters[name] ?? []), value];
  }
  return {
    type: 'REQUEST',
    methodArn,
    httpMethod: request.method ?? 'GET',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    queryStringParameters: query.length > 0 ? Object.fromEntries(query) : null,
    multiValueQueryStringParameters: query.length > 0 ? multiValueQueryStringParameters : null,
    requestContext: { stage: 'prod', identity: { sourceIp: '203.0.113.7' } },
  };
}
