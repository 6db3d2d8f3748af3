import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { evaluatePolicy, type PolicyStatementLike } from '@jwt-authorizer/local-gateway/src/evaluate-policy.ts';
import { METHOD_ARN } from '@jwt-authorizer/test-fixtures';

/** What the Lambda decided for one request, as API Gateway applies it to the request's ARN. */
export type LambdaOutcome = 'allow' | 'deny' | 'unauthorized' | 'error';

/** One request to the Lambda: its `Authorization` value, and the route called (default `GET /pets/42`). */
export interface LambdaRequest {
  authorization: string;
  method?: string;
  path?: string;
}

const runner = fileURLToPath(new URL('./invoke-lambda.mjs', import.meta.url));
const STAGE = METHOD_ARN.slice(0, METHOD_ARN.indexOf('/prod/') + '/prod'.length);

/**
 * Invokes the built Lambda authorizer with `env` as its only configuration, once per request (a TOKEN event for its
 * route), and evaluates each policy against that route's ARN as API Gateway does (the local gateway's IAM
 * evaluator): `allow` only when the policy lets this very request through.
 */
export function invokeLambda(
  env: Record<string, string>,
  requests: ReadonlyArray<string | LambdaRequest>,
): LambdaOutcome[] {
  const arns = requests.map((request) =>
    typeof request === 'string' || request.method === undefined
      ? METHOD_ARN
      : `${STAGE}/${request.method}${request.path ?? '/'}`,
  );
  const events = requests.map((request, index) => ({
    type: 'TOKEN',
    authorizationToken: typeof request === 'string' ? request : request.authorization,
    methodArn: arns[index],
  }));
  const { PATH, HOME } = process.env;
  const child = spawnSync(process.execPath, [runner], {
    input: JSON.stringify(events),
    env: { PATH, HOME, AWS_REGION: 'us-east-1', ...env },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`lambda runner failed: ${child.stderr}`);
  const results = JSON.parse(child.stderr.trim().split('\n').at(-1) ?? '[]') as Array<{
    response?: { policyDocument: { Statement: PolicyStatementLike[] } };
    error?: string;
  }>;
  return results.map(({ response, error }, index) => {
    if (!response) return error === 'Unauthorized' ? 'unauthorized' : 'error';
    return evaluatePolicy(response.policyDocument.Statement, arns[index] as string) === 'allow' ? 'allow' : 'deny';
  });
}
