import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** A gateway running in its own `node` process, as `local-gateway` runs it. */
export interface GatewayProcess {
  url: string;
  /** What the authorizer logged (its JSON lines on stdout), parsed. */
  authorizerLogs(): Array<Record<string, unknown>>;
  stop(): void;
}

/** Starts `src/main.ts` on an ephemeral port with `env` as the authorizer's configuration. */
export async function runGateway(env: Record<string, string>, args: string[] = []): Promise<GatewayProcess> {
  const { PATH, HOME } = process.env;
  const child: ChildProcess = spawn(process.execPath, [main, ...args], {
    env: { PATH, HOME, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    authorizerLogs: () =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: () => child.kill(),
  };
}

/** One request through the gateway: status, body, and whether the authorizer cache answered. */
export async function call(url: string, path: string, authorization?: string, method = 'GET') {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: authorization === undefined ? {} : { authorization },
  });
  return {
    status: response.status,
    body: (await response.json()) as unknown,
    cache: response.headers.get('x-local-gateway-authorizer-cache'),
    errorType: response.headers.get('x-amzn-errortype'),
  };
}
