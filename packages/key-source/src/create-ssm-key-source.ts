import type { GetParameterCommand } from '@aws-sdk/client-ssm';
import { type KeySource, KeySourceError, type KeySourceErrorCode } from '@jwt-authorizer/core';
import { keySourceOf } from './create-inline-key-source.js';
import { createRefresher, prefetchOf } from './create-refresher.js';
import { parseKeySet } from './parse-key-set.js';
import {
  REMOTE_KEY_SOURCE_DEFAULTS,
  type RemoteKeySourceOptions,
  remoteRefresherOptions,
  reportLeftOut,
} from './remote-key-source-options.js';
import { reportFetch } from './report-fetch.js';

/** The one SSM call this source makes, so tests and callers can pass any client with a compatible `send`. */
export interface SsmClientLike {
  send(
    command: GetParameterCommand,
    options?: { abortSignal?: AbortSignal },
  ): Promise<{ Parameter?: { Value?: string } }>;
}

/** Options of {@link createSsmKeySource}. */
export interface SsmKeySourceOptions extends RemoteKeySourceOptions {
  /** Default: `new SSMClient({})`, configured from the Lambda environment (region, credentials, endpoint). */
  client?: SsmClientLike;
}

/**
 * A key source over an SSM parameter (String or SecureString, read `WithDecryption`) holding PEM or JWK/JWKS JSON,
 * parsed as the inline source parses `JWT_PUBLIC_KEY`, on first use (or by `prefetch`). Cached for
 * `cacheTtlSeconds`; concurrent callers share one request; stale-if-error as {@link RemoteKeySourceOptions}
 * describes. The AWS SDK is imported on the first load (an optional peer dependency: without it, every load fails
 * with `key_source_unavailable`).
 *
 * @example
 * ```ts
 * import { createSsmKeySource } from '@jwt-authorizer/key-source/ssm';
 * const keySource = createSsmKeySource('/auth/jwt-public-key', { algorithms: ['RS256'] });
 * ```
 */
export function createSsmKeySource(parameterName: string, options: SsmKeySourceOptions): KeySource {
  const settings = { ...REMOTE_KEY_SOURCE_DEFAULTS, ...options };
  const report = options.onEvent;
  const onLeftOut = reportLeftOut('ssm', report);
  // The SDK is imported on the first load, not with this module: a bundle that holds the SSM source (the
  // authorizer's) keeps the SDK in chunks of its own, and a deployment that never reads SSM never loads it.
  let sdk: Promise<{ client: SsmClientLike; Command: typeof GetParameterCommand }> | undefined;
  const loadSdk = async () => {
    try {
      const { GetParameterCommand: Command, SSMClient } = await import('./ssm-client.js');
      return { client: options.client ?? new SSMClient({}), Command };
    } catch (error) {
      throw new KeySourceError('key_source_unavailable', 'the AWS SDK (@aws-sdk/client-ssm) could not be loaded', {
        cause: error,
      });
    }
  };

  const load = async () => {
    // Before the fetch is timed and reported: importing the SDK is the cold start's, not SSM's.
    sdk ??= loadSdk();
    const { client, Command } = await sdk;
    return reportFetch(
      async () => {
        const output = await client.send(new Command({ Name: parameterName, WithDecryption: true }), {
          abortSignal: AbortSignal.timeout(settings.timeoutMs),
        });
        const value = output.Parameter?.Value;
        if (value === undefined)
          throw new KeySourceError('invalid_key_material', `SSM parameter ${parameterName} has no value`);
        return keySourceOf(parseKeySet(value, { algorithms: settings.algorithms, onLeftOut }));
      },
      { source: 'ssm', report, toError: (error) => toKeySourceError(error, parameterName) },
    );
  };

  const keys = createRefresher(load, remoteRefresherOptions(settings, 'ssm'));
  return { getKey: async (header, token) => (await keys.get()).getKey(header, token), prefetch: prefetchOf(keys) };
}

/** SSM's error names (GetParameter API reference, "Errors") as our codes; the SDK error stays as `cause`. */
function toKeySourceError(error: unknown, parameterName: string): KeySourceError {
  if (error instanceof KeySourceError) return error;
  const name = error instanceof Error ? error.name : 'unknown error';
  const message = error instanceof Error ? error.message : '';
  const code = codeOf(name, message);
  return new KeySourceError(code, `SSM GetParameter ${parameterName} failed: ${name} (${code})`, { cause: error });
}

function codeOf(name: string, message: string): KeySourceErrorCode {
  if (name === 'ParameterNotFound' || name === 'ParameterVersionNotFound') return 'key_not_found';
  // SSM reports a missing kms:Decrypt grant as AccessDeniedException naming KMS, and a disabled or deleted key as
  // InvalidKeyId or a KMS* exception.
  if (name === 'InvalidKeyId' || name.startsWith('KMS') || /\bkms\b/i.test(message)) return 'kms_failure';
  if (name === 'AccessDeniedException') return 'access_denied';
  if (name === 'ThrottlingException' || name === 'TooManyRequestsException') return 'throttled';
  if (name === 'TimeoutError' || name === 'AbortError') return 'key_source_timeout';
  return 'key_source_unavailable';
}
