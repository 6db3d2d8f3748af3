import type { KeySource } from '@jwt-authorizer/core';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createAuthorize } from './authorize.js';
import { createKeySource, loadConfig } from './config.js';
import type { AuthorizerEvent } from './events/read-event.js';
import { createJsonLog, type Log } from './log.js';
import { logKeySourceEvent } from './log-key-source-event.js';
import { type DecisionLogInternal, decisionLog } from './middleware/decision-log.js';
import { unauthorized } from './middleware/unauthorized.js';

/** Options of {@link createHandler}. */
export interface CreateHandlerOptions {
  env?: Readonly<Record<string, string | undefined>>;
  log?: Log;
  /** Replaces the key source the configuration names (tests drive outages and slowness through it). */
  keySource?: KeySource;
}

/**
 * Assembles the authorizer: configuration and key source once, then the Middy pipeline
 * (authorize -> decision log -> Unauthorized mapping).
 *
 * @throws {ConfigError} when the configuration cannot work: the cold start fails, naming the variable.
 * @example
 * ```ts
 * export const handler = createHandler();
 * ```
 */
export function createHandler(options: CreateHandlerOptions = {}) {
  const config = loadConfig(options.env);
  const log = options.log ?? createJsonLog(undefined, { level: config.logLevel, namespace: config.metricsNamespace });
  for (const warning of config.warnings) log('WARN', 'configuration', { warning });
  const keySource = options.keySource ?? createKeySource(config, { onEvent: (event) => logKeySourceEvent(log, event) });
  const authorize = createAuthorize(config, keySource);
  return middy<AuthorizerEvent, unknown, Error, Context, DecisionLogInternal>(authorize)
    .use(unauthorized())
    .use(decisionLog({ log }));
}
