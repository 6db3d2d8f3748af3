import type { AddressInfo } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '@jwt-authorizer/config';
import type { RouteRule } from '@jwt-authorizer/core';
import type { AuthorizerHandler } from './create-gateway.ts';
import { createLocalGateway } from './create-local-gateway.ts';

/** Where the built authorizer lands (`pnpm --filter @jwt-authorizer/authorizer build`). */
export const BUILT_AUTHORIZER = resolve(import.meta.dirname, '../../../apps/authorizer/dist/index.mjs');

/** A running local gateway. */
export interface RunningGateway {
  url: string;
  format: 'token' | 'request' | 'http';
  cacheTtlSeconds: number;
  close(): Promise<void>;
}

/** Options of {@link startGateway} beyond the command line. */
export interface StartGatewayOptions {
  /** Extra authorizers by path prefix (the demo's contract-breaking `/broken/`). */
  extraAuthorizers?: Record<string, AuthorizerHandler>;
}

const USAGE = `usage: local-gateway [--event token|request|http] [--cache-ttl seconds] [--handler file.mjs]
  PORT (default 3000) and the authorizer's variables (JWT_PUBLIC_KEY, ...) come from the environment.`;

/**
 * Parses the command line, imports the authorizer module (its configuration is read from `process.env` at that
 * moment, as Lambda's init does) and starts the gateway on `127.0.0.1:$PORT`.
 *
 * @example
 * ```ts
 * const { url } = await startGateway(['--event', 'http', '--cache-ttl', '0']);
 * ```
 */
export async function startGateway(args: string[], options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const { values } = parseArgs({
    args,
    options: {
      event: { type: 'string', default: 'token' },
      'cache-ttl': { type: 'string', default: '300' },
      handler: { type: 'string', default: BUILT_AUTHORIZER },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const format = values.event;
  if (format !== 'token' && format !== 'request' && format !== 'http') throw new Error(`--event: ${format}\n${USAGE}`);
  const ttl = Number(values['cache-ttl']);
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > 3600) throw new Error('--cache-ttl: a whole number from 0 to 3600');
  const file = isAbsolute(values.handler) ? values.handler : resolve(process.cwd(), values.handler);
  const module = (await import(new URL(`file://${file}`).href)) as { handler?: AuthorizerHandler };
  const handler = module.handler;
  if (typeof handler !== 'function') throw new Error(`${file} exports no handler`);
  const extra = Object.entries(options.extraAuthorizers ?? {});
  const server = createLocalGateway({
    format,
    httpApiResponse: process.env['HTTP_API_RESPONSE'] === 'policy' ? 'policy' : 'simple',
    cacheTtlSeconds: ttl,
    authorizerFor: (path) => extra.find(([prefix]) => path.startsWith(prefix))?.[1] ?? handler,
    routeRules: configuredRouteRules(),
  });
  const port = Number(process.env['PORT'] || 3000);
  await new Promise<void>((done, fail) => server.once('error', fail).listen(port, '127.0.0.1', done));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    format,
    cacheTtlSeconds: ttl,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/**
 * The route rules of the configuration in `process.env`, read by the authorizer's own parser, to explain requests
 * with. Undefined when none are set, or when the configuration does not parse (the authorizer's init says why).
 *
 * @example
 * ```ts
 * createGateway({ authorizerFor: () => handler, routeRules: configuredRouteRules() });
 * ```
 */
export function configuredRouteRules(): RouteRule[] | undefined {
  try {
    return parseConfig(process.env).response.routeRules;
  } catch {
    return undefined;
  }
}
