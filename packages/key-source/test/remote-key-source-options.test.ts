import { KeySourceError } from '@jwt-authorizer/core';
import { describe, expect, it } from 'vitest';
import type { KeySourceEvent } from '../src/index.js';
import { REMOTE_KEY_SOURCE_DEFAULTS, remoteRefresherOptions } from '../src/remote-key-source-options.js';

describe('remoteRefresherOptions', () => {
  it('gives the refresher the durations in milliseconds, and reports a stale serve in whole seconds', () => {
    const events: KeySourceEvent[] = [];
    const options = remoteRefresherOptions(
      { ...REMOTE_KEY_SOURCE_DEFAULTS, cacheTtlSeconds: 60, onEvent: (event) => events.push(event) },
      'jwks',
    );
    expect(options).toMatchObject({ ttlMs: 60_000, staleIfErrorMs: 3_600_000, retryAfterFailureMs: 10_000 });
    options.onStale?.(61_499, new KeySourceError('key_source_timeout', 'slow'));
    expect(events).toEqual([{ type: 'stale', source: 'jwks', ageSeconds: 61, code: 'key_source_timeout' }]);
  });

  it('reports nothing, and throws nothing, without an onEvent', () => {
    const options = remoteRefresherOptions(REMOTE_KEY_SOURCE_DEFAULTS, 'ssm');
    expect(() => options.onStale?.(1000, new KeySourceError('key_source_unavailable', 'down'))).not.toThrow();
  });
});
