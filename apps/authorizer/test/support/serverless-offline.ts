import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** The Serverless Framework 3 CLI (version 4 asks for a login) and the serverless-offline plugin, as installed. */
const SERVERLESS_BIN = require.resolve('serverless/bin/serverless.js');
/** What a serverless.yml lists under `plugins` to load serverless-offline from outside any node_modules. */
export const SERVERLESS_OFFLINE_PLUGIN = require.resolve('serverless-offline');

// What keeps the CLI off the network and quiet: no usage reports, no notices of newer releases, no deprecation
// summaries. No AWS credentials: `offline start` calls no AWS API. The CLI compiles its configuration schema
// into a validator (some 7 s) at every start unless it finds one cached: the cache lives in node_modules, the home
// folder is fresh for every start.
const OFFLINE_ENV = {
  SLS_TELEMETRY_DISABLED: '1',
  SLS_NOTIFICATIONS_MODE: 'off',
  SLS_DEPRECATION_DISABLE: '*',
  SLS_SCHEMA_CACHE_BASE_DIR: fileURLToPath(new URL('../../node_modules/.cache/serverless/', import.meta.url)),
};
const HTTP_READY = /Server ready: http:/;
/** What serverless-offline prints once its WebSocket server listens (it starts beside the HTTP server, not before). */
export const WEBSOCKET_READY = /Offline \[websocket\] listening on/;

/** A running `serverless offline start`. */
export interface ServerlessOffline {
  /** `http://127.0.0.1:<port>`: REST routes under `/<stage>/`, HTTP API routes at the root. */
  url: string;
  /** `ws://127.0.0.1:<port>`: the WebSocket API, when the service has `websocket` events. */
  webSocketUrl: string;
  /** Everything the CLI printed so far, stdout and stderr, the functions' log lines included. */
  output: () => string;
  /** Stops the CLI and everything it started (the whole process group), then removes its home folder. */
  stop: () => Promise<void>;
}

/** Options of {@link startServerlessOffline}. */
export interface StartServerlessOfflineOptions {
  /** How long to wait for "Server ready" before giving up. Default 60 s. */
  timeoutMs?: number;
  /** What the output must show before the servers are ready. Default: the HTTP server's "Server ready". */
  ready?: readonly RegExp[];
}

/**
 * Starts `serverless offline start` in `serviceDir` (which holds a serverless.yml) on loopback, on ports nobody
 * uses, in a process group of its own, with a fresh home folder and only PATH from this environment.
 *
 * @example
 * ```ts
 * const offline = await startServerlessOffline(serviceDir);
 * await fetch(`${offline.url}/prod/pets/42`);
 * await offline.stop();
 * ```
 */
export async function startServerlessOffline(
  serviceDir: string,
  options: StartServerlessOfflineOptions = {},
): Promise<ServerlessOffline> {
  const home = mkdtempSync(join(tmpdir(), 'sls-home-'));
  const [httpPort, lambdaPort, websocketPort] = await freePorts(3);
  const child = spawn(
    process.execPath,
    [
      SERVERLESS_BIN,
      'offline',
      'start',
      '--host',
      '127.0.0.1',
      '--httpPort',
      String(httpPort),
      '--lambdaPort',
      String(lambdaPort),
      '--websocketPort',
      String(websocketPort),
      '--noSponsor',
    ],
    {
      cwd: serviceDir,
      detached: true, // a process group of its own, so that stop() ends all of it
      env: { PATH: process.env['PATH'], HOME: home, ...OFFLINE_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk));
  const kill = () => killGroup(child);
  process.once('exit', kill);
  const stop = async () => {
    await stopGroup(child);
    process.off('exit', kill);
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await ready(child, () => output, options.timeoutMs ?? 60_000, options.ready ?? [HTTP_READY]);
    return {
      url: `http://127.0.0.1:${httpPort}`,
      webSocketUrl: `ws://127.0.0.1:${websocketPort}`,
      output: () => output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function ready(
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
  patterns: readonly RegExp[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => settle(new Error(`serverless offline not ready after ${timeoutMs} ms`)), timeoutMs);
    const check = () => {
      if (patterns.every((pattern) => pattern.test(output()))) settle();
    };
    const exited = (code: number | null) => settle(new Error(`serverless offline exited with ${code}`));
    const settle = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', exited);
      if (error) reject(new Error(`${error.message}:\n${output()}`));
      else resolve();
    };
    // The CLI writes its notices, "Server ready" among them, to stderr.
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.on('exit', exited);
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is gone already
  }
}

/** SIGTERM (serverless-offline then closes its servers), SIGKILL after 5 s, and SIGKILL for what outlives it. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child), 5_000);
    await exited;
    clearTimeout(timer);
  }
  killGroup(child);
}

/** `count` distinct ports free on loopback right now (all held open together, so none is given twice). */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            resolve(typeof address === 'object' && address ? address.port : 0);
          });
        }),
    ),
  );
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
