import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface BuiltRun {
  results: Array<{
    response?: unknown;
    error?: { name: string; message: string };
    initError?: { name: string; message: string };
  }>;
  logs: Array<Record<string, unknown>>;
}

const runner = fileURLToPath(new URL('./invoke-built.mjs', import.meta.url));

/** Invokes the built dist/index.mjs in a fresh `node` process, with only `env` as configuration. */
export function invokeBuilt(env: Record<string, string>, events: unknown[]): BuiltRun {
  const { PATH, HOME } = process.env;
  const child = spawnSync(process.execPath, [runner], {
    input: JSON.stringify(events),
    env: { PATH, HOME, AWS_REGION: 'us-east-1', ...env },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`runner failed: ${child.stderr}`);
  return JSON.parse(child.stderr.trim().split('\n').at(-1) ?? '{}') as BuiltRun;
}
