import type { AddressInfo } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Config, type IdentitySourcePlan, identitySourcePlan, parseConfig } from '@jwt-authorizer/config';
import type { RouteRule } from '@jwt-authorizer/core';
import type { GatewayEventFormat } from './build-event.ts';
import type { AuthorizerHandler } from './create-gateway.ts';
import { createLocalGateway } from './create-local-gateway.ts';

/** Where the built authorizer lands (`pnpm --filter @jwt-authorizer/authorizer build`). */
export const BUILT_AUTHORIZER = resolve(import.meta.dirname, '../../../apps/authorizer/dist/index.mjs');

/** A running local gateway. */
export interface RunningGateway {
  url: string;
  format: GatewayEventFormat;
  cacheTtlSeconds: number;
  close(): Promise<void>;
}

/** Options of {@link startGateway} beyond the command line. */
export interface StartGatewayOptions {
  /** Extra authorizers by path prefix (the demo's contract-breaking `/broken/`). */
  extraAuthorizers?: Record<string, AuthorizerHandler>;
}

const USAGE = `usage: local-gateway [--event token|request|http|websocket] [--cache-ttl seconds] [--handler file.mjs]
  PORT (default 3000) and the authorizer's variables (JWT_PUBLIC_KEY, TOKEN_SOURCES, ...) come from the environment.
  The identity sources follow TOKEN_SOURCES as the CDK construct deploys them; --event websocket serves a WebSocket
  API whose every handshake is the $connect route.`;
const FORMATS: readonly GatewayEventFormat[] = ['token', 'request', 'http', 'websocket'];

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
  const format = values.event as GatewayEventFormat;
  if (!FORMATS.includes(format)) throw new Error(`--event: ${format}\n${USAGE}`);
  const requested = Number(values['cache-ttl']);
  if (!Number.isInteger(requested) || requested < 0 || requested > 3600) {
    throw new Error('--cache-ttl: a whole number from 0 to 3600');
  }
  const config = configured();
  const plan = config ? identitySourcePlan(config.request, format === 'token' ? 'token' : 'request') : DEFAULT_PLAN;
  // WebSocket APIs cache no authorizer results; the construct turns the cache off where a result must not be reused.
  const ttl = format === 'websocket' || plan.uncacheable ? 0 : requested;
  if (plan.uncacheable && requested > 0) process.stderr.write(`local-gateway: no result cache: ${plan.uncacheable}\n`);
  const file = isAbsolute(values.handler) ? values.handler : resolve(process.cwd(), values.handler);
  const module = (await import(new URL(`file://${file}`).href)) as { handler?: AuthorizerHandler };
  const handler = module.handler;
  if (typeof handler !== 'function') throw new Error(`${file} exports no handler`);
  const extra = Object.entries(options.extraAuthorizers ?? {});
  const server = createLocalGateway({
    format,
    httpApiResponse: process.env['HTTP_API_RESPONSE'] === 'policy' ? 'policy' : 'simple',
    cacheTtlSeconds: ttl,
    identitySources: plan.identitySources,
    authorizerFor: (path) => extra.find(([prefix]) => path.startsWith(prefix))?.[1] ?? handler,
    routeRules: config?.response.routeRules,
    tokenSources: config?.request.tokenSources,
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

const DEFAULT_PLAN: IdentitySourcePlan = { identitySources: [{ in: 'header', name: 'Authorization' }] };

/**
 * The configuration in `process.env`, read by the authorizer's own parser, for what the gateway emulates around
 * it (identity sources, route rules to explain requests with). Undefined when it does not parse: the authorizer's
 * init says why, on every request.
 *
 * @example
 * ```ts
 * configured()?.request.tokenSources; // [{ kind: 'header', name: 'Authorization' }]
 * ```
 */
export function configured(): Config | undefined {
  try {
    return parseConfig(process.env);
  } catch {
    return undefined;
  }
}

/**
 * The route rules of the configuration in `process.env`, to explain requests with; see {@link configured}.
 *
 * @example
 * ```ts
 * createGateway({ authorizerFor: () => handler, routeRules: configuredRouteRules() });
 * ```
 */
export function configuredRouteRules(): RouteRule[] | undefined {
  return configured()?.response.routeRules;
}
