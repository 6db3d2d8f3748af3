import { ConfigError, type KeySource, KeySourceError } from '@jwt-authorizer/core';
import {
  createInlineKeySource,
  createIssuerKeySource,
  createJwksKeySource,
  type KeySourceEvent,
  type RemoteKeySourceOptions,
} from '@jwt-authorizer/key-source';
import { createSsmKeySource } from '@jwt-authorizer/key-source/ssm';
import type { Config } from './parse-config.js';

/** Options of {@link createKeySource}. */
export interface CreateKeySourceOptions {
  /** Receives the remote sources' fetch and stale-serve events. */
  onEvent?: (event: KeySourceEvent) => void;
}

/**
 * The key source a configuration names (`JWT_PUBLIC_KEY`, `JWT_PUBLIC_KEY_SSM_PARAMETER`, `JWKS_URI`, or
 * `JWT_ISSUER` alone), with its cache durations. Inline keys are parsed here, at start-up, so a bad key fails the
 * start with the variable's name rather than every request. The AWS SDK (an optional peer dependency) is imported
 * on the SSM source's first load only: a bundler puts it in chunks of its own that other configurations never
 * load.
 *
 * @throws {ConfigError} `invalid_value` on `JWT_PUBLIC_KEY` when the inline key material is unusable.
 * @example
 * ```ts
 * const keySource = createKeySource(parseConfig(process.env), { onEvent: console.log });
 * ```
 */
export function createKeySource(config: Config, options: CreateKeySourceOptions = {}): KeySource {
  const { keySource, keyCache } = config;
  const { algorithms } = config.verify;
  const remote: RemoteKeySourceOptions & { cooldownSeconds: number } = {
    algorithms,
    cacheTtlSeconds: keyCache.ttlSeconds,
    staleIfErrorSeconds: keyCache.staleIfErrorSeconds,
    timeoutMs: keyCache.fetchTimeoutMs,
    cooldownSeconds: keyCache.jwksCooldownSeconds,
    ...(options.onEvent && { onEvent: options.onEvent }),
  };
  switch (keySource.kind) {
    case 'inline':
      try {
        return createInlineKeySource(keySource.material, {
          algorithms,
          ...(options.onEvent && { onEvent: options.onEvent }),
        });
      } catch (error) {
        if (!(error instanceof KeySourceError)) throw error;
        throw new ConfigError('invalid_value', 'JWT_PUBLIC_KEY', error.message, { cause: error });
      }
    case 'ssm':
      return createSsmKeySource(keySource.parameterName, remote);
    case 'jwks':
      return createJwksKeySource(keySource.uri, remote);
    case 'discovery':
      return createIssuerKeySource(keySource.issuers, remote);
  }
}
