import { spawn } from 'node:child_process';
import { text } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { METHOD_ARN } from '@jwt-authorizer/test-fixtures';

/** What the Lambda decided for one request. */
export type LambdaOutcome = 'allow' | 'deny' | 'unauthorized' | 'error';

const runner = fileURLToPath(new URL('./invoke-lambda.mjs', import.meta.url));

/**
 * Invokes the built Lambda authorizer with `env` as its only configuration, once per `Authorization` value, in a
 * child process that does not block this one: loopback key servers started by the test keep answering it.
 */
export async function invokeLambda(
  env: Record<string, string>,
  authorizationHeaders: string[],
): Promise<LambdaOutcome[]> {
  const events = authorizationHeaders.map((authorizationToken) => ({
    type: 'TOKEN',
    authorizationToken,
    methodArn: METHOD_ARN,
  }));
  const { PATH, HOME } = process.env;
  const child = spawn(process.execPath, [runner], {
    env: { PATH, HOME, AWS_REGION: 'us-east-1', ...env },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  child.stdin.end(JSON.stringify(events));
  const [stderr, status] = await Promise.all([
    text(child.stderr),
    new Promise<number | null>((resolve) => child.on('close', resolve)),
  ]);
  if (status !== 0) throw new Error(`lambda runner failed: ${stderr}`);
  return JSON.parse(stderr.trim().split('\n').at(-1) ?? '[]') as LambdaOutcome[];
}
