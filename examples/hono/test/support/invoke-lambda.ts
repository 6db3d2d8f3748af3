import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { METHOD_ARN } from '@jwt-authorizer/test-fixtures';

/** What the Lambda decided for one request. */
export type LambdaOutcome = 'allow' | 'deny' | 'unauthorized' | 'error';

const runner = fileURLToPath(new URL('./invoke-lambda.mjs', import.meta.url));

/** Invokes the built Lambda authorizer with `env` as its only configuration, once per `Authorization` value. */
export function invokeLambda(env: Record<string, string>, authorizationHeaders: string[]): LambdaOutcome[] {
  const events = authorizationHeaders.map((authorizationToken) => ({
    type: 'TOKEN',
    authorizationToken,
    methodArn: METHOD_ARN,
  }));
  const { PATH, HOME } = process.env;
  const child = spawnSync(process.execPath, [runner], {
    input: JSON.stringify(events),
    env: { PATH, HOME, AWS_REGION: 'us-east-1', ...env },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`lambda runner failed: ${child.stderr}`);
  return JSON.parse(child.stderr.trim().split('\n').at(-1) ?? '[]') as LambdaOutcome[];
}
