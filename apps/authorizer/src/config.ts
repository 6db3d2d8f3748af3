import { type Config, ConfigError, type KeySource, KeySourceError, parseConfig } from '@jwt-authorizer/core';
import {
  createInlineKeySource,
  createIssuerKeySource,
  createJwksKeySource,
  type KeySourceEvent,
} from '@jwt-authorizer/key-source';

/**
 * Reads the configuration: the only reader of `process.env` (SPEC §2, read once at cold start).
 *
 * @throws {ConfigError} naming the variable at fault; the Lambda init fails with that one message.
 * @example
 * ```ts
 * const config = loadConfig(); // from process.env
 * ```
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  return parseConfig(env);
}

/** Options of {@link createKeySource}. */
export interface CreateKeySourceOptions {
  /** Receives the remote sources' fetch and stale-serve events. */
  onEvent?: (event: KeySourceEvent) => void;
}

/**
 * Builds the configured key source. Inline keys are parsed here, at cold start, so a bad key fails the init
 * with the variable's name rather than every request. The SSM source, and with it the AWS SDK, is imported on
 * first use only: esbuild puts it in a chunk of its own that a PEM or JWKS deployment never loads (SPEC §6).
 *
 * @throws {ConfigError} when the inline key material is unusable.
 * @example
 * ```ts
 * const keySource = createKeySource(loadConfig(), { onEvent: console.log });
 * ```
 */
export function createKeySource(config: Config, options: CreateKeySourceOptions = {}): KeySource {
  const { keySource } = config;
  const remote = {
    algorithms: config.algorithms,
    cacheTtlSeconds: config.keyCacheTtlSeconds,
    staleIfErrorSeconds: config.keyStaleIfErrorSeconds,
    timeoutMs: config.keyFetchTimeoutMs,
    cooldownSeconds: config.jwksCooldownSeconds,
    ...(options.onEvent && { onEvent: options.onEvent }),
  };
  switch (keySource.kind) {
    case 'inline':
      try {
        return createInlineKeySource(keySource.material, { algorithms: config.algorithms });
      } catch (error) {
        if (error instanceof KeySourceError) {
          throw new ConfigError('invalid_value', 'JWT_PUBLIC_KEY', error.message, { cause: error });
        }
        throw error;
      }
    case 'ssm':
      return lazyKeySource(async () => {
        const { createSsmKeySource } = await import('@jwt-authorizer/key-source/ssm');
        return createSsmKeySource(keySource.parameterName, remote);
      });
    case 'jwks':
      return createJwksKeySource(keySource.uri, remote);
    case 'discovery':
      return createIssuerKeySource(keySource.issuers, remote);
  }
}

function lazyKeySource(create: () => Promise<KeySource>): KeySource {
  let source: Promise<KeySource> | undefined;
  return {
    getKey: async (header, token) => {
      source ??= create();
      return (await source).getKey(header, token);
    },
  };
}
