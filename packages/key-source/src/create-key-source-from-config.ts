import type { Config, KeySource } from '@jwt-authorizer/core';
import { createInlineKeySource } from './create-inline-key-source.js';
import { createIssuerKeySource } from './create-issuer-key-source.js';
import { createJwksKeySource } from './create-jwks-key-source.js';
import type { KeySourceEvent } from './remote-key-source-options.js';

/** Options of {@link createKeySourceFromConfig}. */
export interface KeySourceFromConfigOptions {
  /** Receives the remote sources' fetch and stale-serve events. */
  onEvent?: (event: KeySourceEvent) => void;
}

/**
 * The key source a parsed configuration names (`parseConfig` from core: `JWT_PUBLIC_KEY`,
 * `JWT_PUBLIC_KEY_SSM_PARAMETER`, `JWKS_URI`, or `JWT_ISSUER` alone), with its durations. The SSM source, and with
 * it the AWS SDK (an optional peer dependency), is imported on first use only: a bundler puts it in a chunk of its
 * own that other configurations never load.
 *
 * @throws {KeySourceError} `invalid_key_material` when inline key material is unusable (at creation).
 * @example
 * ```ts
 * const keySource = createKeySourceFromConfig(parseConfig(process.env), { onEvent: console.log });
 * ```
 */
export function createKeySourceFromConfig(config: Config, options: KeySourceFromConfigOptions = {}): KeySource {
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
      return createInlineKeySource(keySource.material, { algorithms: config.algorithms });
    case 'ssm':
      return lazyKeySource(async () => {
        const { createSsmKeySource } = await import('./create-ssm-key-source.js');
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
