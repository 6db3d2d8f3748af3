import { type Config, ConfigError, type KeySource, KeySourceError, parseConfig } from '@jwt-authorizer/core';
import { createKeySourceFromConfig, type KeySourceFromConfigOptions } from '@jwt-authorizer/key-source';

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
export type CreateKeySourceOptions = KeySourceFromConfigOptions;

/**
 * Builds the configured key source. Inline keys are parsed here, at cold start, so a bad key fails the init
 * with the variable's name rather than every request. The SSM source, and with it the AWS SDK, is imported on
 * first use only: esbuild puts it in chunks of their own that a PEM or JWKS deployment never loads (SPEC §6).
 *
 * @throws {ConfigError} when the inline key material is unusable.
 * @example
 * ```ts
 * const keySource = createKeySource(loadConfig(), { onEvent: console.log });
 * ```
 */
export function createKeySource(config: Config, options: CreateKeySourceOptions = {}): KeySource {
  try {
    return createKeySourceFromConfig(config, options);
  } catch (error) {
    if (error instanceof KeySourceError && config.keySource.kind === 'inline') {
      throw new ConfigError('invalid_value', 'JWT_PUBLIC_KEY', error.message, { cause: error });
    }
    throw error;
  }
}
