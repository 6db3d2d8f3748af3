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
 * (decision log around the authorize step, refusals mapped to `Unauthorized`).
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
  return middy<AuthorizerEvent, AuthorizerResponse, Error, DecisionContext, DecisionLogInternal>()
    .use(unauthorized())
    .use(decisionLog({ log }))
    .handler((event, context) => authorize(event, context.decision ?? {}));
}
