import { spawn } from 'node:child_process';
import { text } from 'node:stream/consumers';

/** A finished child process: its wall time and what it wrote to stderr. */
export interface TimedRun {
  wallMs: number;
  stderr: string;
}

/**
 * Runs `command` with only `env` as its environment, stdout to /dev/null, and times it from spawn to exit.
 * Rejects when it exits non-zero, with its stderr.
 *
 * @example
 * ```ts
 * const { wallMs } = await spawnTimed(process.execPath, ['-e', '0'], { PATH: process.env.PATH ?? '' });
 * ```
 */
export async function spawnTimed(command: string, args: string[], env: Record<string, string>): Promise<TimedRun> {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
  const [stderr, code] = await Promise.all([text(child.stderr), exited]);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (code !== 0) throw new Error(`${[command, ...args].join(' ')} exited with ${code}: ${stderr.slice(-2000)}`);
  return { wallMs, stderr };
}

/** The environment every child starts from: enough to run node, nothing of this shell's configuration. */
export function baseEnv(): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' };
}
