import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

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
export async function call(
  url: string,
  path: string,
  authorization?: string,
  method = 'GET',
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(authorization !== undefined && { authorization }), ...headers },
  });
  return {
    status: response.status,
    body: (await response.json()) as unknown,
    cache: response.headers.get('x-local-gateway-authorizer-cache'),
    errorType: response.headers.get('x-amzn-errortype'),
  };
}

/** What a WebSocket handshake through the gateway gave: the first message and an echo once open, or the status. */
export type Handshake = { status: 101; welcome: unknown; echo: unknown } | { status: number; body: unknown };

/**
 * Opens a WebSocket to the gateway with `ws`, a real client (`headers` as it sends them), and, once open, reads the
 * backend's first message, sends one and reads its echo; a refused handshake gives its status and body. The
 * connection is closed either way.
 */
export async function connectWebSocket(url: string, path: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`, { headers });
  const messages: unknown[] = [];
  try {
    return await new Promise<Handshake>((resolve, reject) => {
      socket.on('message', (data) => {
        messages.push(JSON.parse(String(data)));
        if (messages.length === 1) socket.send('ping');
        else resolve({ status: 101, welcome: messages[0], echo: messages[1] });
      });
      socket.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(body) as unknown }));
      });
      socket.once('error', reject);
    });
  } finally {
    socket.terminate();
  }
}
