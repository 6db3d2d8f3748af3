import { type Config, ConfigError, type KeySource, KeySourceError, parseConfig } from '@jwt-authorizer/core';
import { createInlineKeySource } from '@jwt-authorizer/key-source';

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

/**
 * Builds the configured key source. Inline keys are parsed here, at cold start, so a bad key fails the init
 * with the variable's name rather than every request.
 *
 * @throws {ConfigError} when the inline key material is unusable, or the source is not available in this build.
 */
export function createKeySource(config: Config): KeySource {
  const { keySource } = config;
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
      throw new ConfigError(
        'invalid_value',
        'JWT_PUBLIC_KEY_SSM_PARAMETER',
        'the SSM key source is not in this build yet',
      );
    case 'jwks':
      throw new ConfigError('invalid_value', 'JWKS_URI', 'the JWKS key source is not in this build yet');
  }
}
