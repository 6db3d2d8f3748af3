import { createKeySource, type Env, parseConfig } from '@jwt-authorizer/config';
import type { KeySource } from '@jwt-authorizer/core';
import middy from '@middy/core';
import { type AuthorizerResponse, createAuthorize } from './authorize.js';
import type { DecisionContext } from './decision-facts.js';
import type { AuthorizerEvent } from './events/read-event.js';
import { createJsonLog, type Log } from './log.js';
import { logKeySourceEvent } from './log-key-source-event.js';
import { type DecisionLogInternal, decisionLog } from './middleware/decision-log.js';
import { unauthorized } from './middleware/unauthorized.js';

/** Options of {@link createHandler}. */
export interface CreateHandlerOptions {
  /** The environment to read the configuration from. Default `process.env`, read here and nowhere else. */
  env?: Env;
  log?: Log;
  /** Replaces the key source the configuration names (tests drive outages and slowness through it). */
  keySource?: KeySource;
}

/**
 * Assembles the authorizer, once per container: configuration and key source, then the Middy pipeline
 * (decision log around the authorize step, refusals mapped to `Unauthorized`). The handler's `prefetchKeys()`
 * fetches a remote key source's keys (JWKS, discovery, SSM) ahead of the first request and always resolves.
 *
 * @throws {ConfigError} when the configuration cannot work: the cold start fails, naming the variable.
 * @example
 * ```ts
 * export const handler = createHandler();
 * ```
 */
export function createHandler(options: CreateHandlerOptions = {}) {
  const config = parseConfig(options.env ?? process.env);
  const { logLevel, metricsNamespace } = config.lambda;
  const log = options.log ?? createJsonLog(undefined, { level: logLevel, namespace: metricsNamespace });
  for (const warning of config.warnings) log('WARN', 'configuration', { warning });
  const keySource = options.keySource ?? createKeySource(config, { onEvent: (event) => logKeySourceEvent(log, event) });
  const authorize = createAuthorize(config, keySource);
  // No early timeout: Middy would arm and clear a timer on every invocation (a tenth of a remembered token's cost)
  // to answer before Lambda's own timeout. The one wait here, a request for keys, is bounded by
  // KEY_FETCH_TIMEOUT_MS, which the CDK construct keeps below the function's timeout, and an invocation that Lambda
  // times out is a 500 as well, never an Allow.
  const handler = middy<AuthorizerEvent, AuthorizerResponse, Error, DecisionContext, DecisionLogInternal>({
    timeoutEarlyInMillis: 0,
  })
    .use(unauthorized())
    .use(decisionLog({ log }))
    .handler((event, context) => authorize(event, context.decision ?? {}));
  // The entry point awaits this at init; see KeySource.prefetch.
  return Object.assign(handler, { prefetchKeys: async () => keySource.prefetch?.() });
}
