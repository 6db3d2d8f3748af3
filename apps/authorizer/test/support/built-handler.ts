import { spawn, spawnSync } from 'node:child_process';
import { text } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';

export interface BuiltRun {
  results: Array<{
    response?: unknown;
    error?: { name: string; message: string };
    initError?: { name: string; message: string };
  }>;
  logs: Array<Record<string, unknown>>;
  /** The built-in modules the process loaded, as `process.moduleLoadList` names them (invokeBuilt's runs). */
  modules?: string[];
}

const runner = fileURLToPath(new URL('./invoke-built.mjs', import.meta.url));

/** The JSON log lines of what a handler wrote to stdout (its one destination, as in Lambda). */
export function logLines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A runner's report: its results on the last line of stderr, the handler's log lines on stdout. */
function readRun(stdout: string, stderr: string): BuiltRun {
  const { results, modules } = JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as Omit<BuiltRun, 'logs'>;
  return { results, logs: logLines(stdout), ...(modules && { modules }) };
}

/** Invokes the built dist/index.mjs in a fresh `node` process, with only `env` as configuration. */
export function invokeBuilt(env: Record<string, string>, events: unknown[]): BuiltRun {
  const { PATH, HOME } = process.env;
  const child = spawnSync(process.execPath, [runner], {
    input: JSON.stringify(events),
    env: { PATH, HOME, AWS_REGION: 'us-east-1', ...env },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`runner failed: ${child.stderr}`);
  return readRun(child.stdout, child.stderr);
}

/** Options of {@link invokeBuiltAsync}. */
export interface InvokeBuiltOptions {
  /** Another copy of the entry point than dist/index.mjs. */
  entry?: string;
}

/**
 * As {@link invokeBuilt}, without blocking this process: for tests whose loopback servers (JWKS, SSM, OpenID
 * provider) run here and must answer the child's requests.
 */
export async function invokeBuiltAsync(
  env: Record<string, string>,
  events: unknown[],
  options: InvokeBuiltOptions = {},
): Promise<BuiltRun> {
  const { PATH, HOME } = process.env;
  const child = spawn(process.execPath, [runner, ...(options.entry ? [options.entry] : [])], {
    env: { PATH, HOME, AWS_REGION: 'us-east-1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(JSON.stringify(events));
  const [stdout, stderr, status] = await Promise.all([
    text(child.stdout),
    text(child.stderr),
    new Promise<number | null>((resolve) => child.on('close', resolve)),
  ]);
  if (status !== 0) throw new Error(`runner failed: ${stderr}`);
  return readRun(stdout, stderr);
}
