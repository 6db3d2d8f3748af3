import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';

/** Whether `taskset` can pin a process to CPU 0 here. */
export const CAN_PIN = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/**
 * Pins this process, every thread of it, to CPU 1, away from the children on CPU 0: the bench serves the JWKS and
 * SSM over TLS on loopback, and a handshake scheduled on CPU 0 would wait on, and be waited on by, the child it
 * serves (an identity provider does not share the function's CPU either). Unpinned, the same JWKS cold start
 * measured 1.07x, 1.39x and 1.26x in three runs in a row; pinned, 1.26x, 1.24x and 1.30x.
 * @returns whether it could (`taskset` and a second CPU are needed).
 */
export function pinToCpu1(): boolean {
  if (!CAN_PIN || availableParallelism() < 2) return false;
  return spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' }).status === 0;
}

/** How a child runs: its whole environment, the file its stdout goes to, where it writes its result. */
export type ChildOptions = { env: Record<string, string>; log: string; result: string; nodeFlags?: string[] };

/**
 * Runs `node [nodeFlags] src/children/<script> <result file> <input file>` pinned to CPU 0 (`taskset -c 0`: a
 * Lambda function under 1,769 MB has less than one vCPU), `input` in the input file as JSON, its stdout appended
 * to the `log` file (ours writes its decision log there, as to a Lambda log). Returns what the child wrote to the
 * result file.
 * @throws {Error} when the child exits non-zero, with the end of its stderr.
 * @example const { importMs } = await runChild<{ importMs: number }>('cold-child.mjs', { file, event }, options);
 */
export async function runChild<T>(script: string, input: object, options: ChildOptions): Promise<T> {
  const path = fileURLToPath(new URL(`./children/${script}`, import.meta.url));
  const argv = [...(options.nodeFlags ?? []), path, options.result, `${options.result}.input`];
  writeFileSync(argv.at(-1) ?? '', JSON.stringify(input));
  rmSync(options.result, { force: true });
  const log = openSync(options.log, 'a');
  const child = CAN_PIN
    ? spawn('taskset', ['-c', '0', process.execPath, ...argv], { env: options.env, stdio: ['ignore', log, 'pipe'] })
    : spawn(process.execPath, argv, { env: options.env, stdio: ['ignore', log, 'pipe'] });
  closeSync(log);
  const exited = new Promise((resolve, reject) => child.on('error', reject).on('exit', resolve));
  const [stderr, code] = await Promise.all([text(child.stderr as Readable), exited]);
  if (code !== 0) throw new Error(`${script} exited with ${code}: ${stderr.slice(-1500)}`);
  return JSON.parse(readFileSync(options.result, 'utf8')) as T;
}
