import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { logLines } from './built-handler.js';

/** What lambda-local gave for each event, and the handler's log lines. */
export interface LambdaLocalRun {
  results: Array<{
    response?: unknown;
    /** A failed invocation as Lambda reports it. */
    error?: { errorType: string; errorMessage: string };
  }>;
  logs: Array<Record<string, unknown>>;
}

const runner = fileURLToPath(new URL('./invoke-lambda-local.mjs', import.meta.url));

/**
 * Invokes the `handler` export of `lambdaPath` with lambda-local, once per event, in one fresh `node` process
 * (one warm container): `environment` is the function's configuration, nothing else of this one's is passed,
 * and the home folder is an empty one (lambda-local would read AWS credentials from ~/.aws).
 *
 * @example
 * ```ts
 * const { results } = await invokeLambdaLocal(join(dir, 'index.mjs'), SEED_ENV, [tokenEvent]);
 * ```
 */
export async function invokeLambdaLocal(
  lambdaPath: string,
  environment: Record<string, string>,
  events: unknown[],
): Promise<LambdaLocalRun> {
  const home = mkdtempSync(join(tmpdir(), 'lambda-local-home-'));
  try {
    const child = spawn(process.execPath, [runner], {
      env: { PATH: process.env['PATH'], HOME: home },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end(JSON.stringify({ lambdaPath, environment, events }));
    const [stdout, stderr, status] = await Promise.all([
      text(child.stdout),
      text(child.stderr),
      new Promise<number | null>((resolve) => child.on('close', resolve)),
    ]);
    if (status !== 0) throw new Error(`lambda-local runner failed: ${stderr}`);
    const { results } = JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as Pick<LambdaLocalRun, 'results'>;
    return { results, logs: logLines(stdout) };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
