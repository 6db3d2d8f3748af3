import { KeySourceError } from '@jwt-authorizer/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRefresher } from '../src/create-refresher.js';

afterEach(() => {
  vi.useRealTimers();
});

/** Loads 'v1' once, then fails: ttl 100 ms, stale for 50 ms more, no back-off. */
function failingAfterFirst(onStale?: (age: number) => void) {
  let calls = 0;
  return createRefresher(
    async () => {
      calls += 1;
      if (calls > 1) throw new KeySourceError('key_source_unavailable', 'down');
      return 'v1';
    },
    { ttlMs: 100, staleIfErrorMs: 50, retryAfterFailureMs: 0, ...(onStale && { onStale }) },
  );
}

describe('createRefresher', () => {
  it('wraps a failure that is not a KeySourceError, keeping it as the cause', async () => {
    const failure = new Error('boom');
    const refresher = createRefresher(() => Promise.reject(failure), {
      ttlMs: 1000,
      staleIfErrorMs: 0,
      retryAfterFailureMs: 0,
    });
    await expect(refresher.get()).rejects.toMatchObject({
      name: 'KeySourceError',
      code: 'key_source_unavailable',
      message: 'loading keys failed',
      cause: failure,
    });
  });

  it('hands out the value synchronously while it is fresh, exactly as long as get would not load again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    const refresher = failingAfterFirst();
    expect(refresher.fresh()).toBeUndefined(); // nothing loaded yet
    expect(await refresher.get()).toBe('v1');
    vi.setSystemTime(99);
    expect(refresher.fresh()).toBe('v1');
    vi.setSystemTime(100); // the ttl: get loads again (and serves v1 stale), fresh says no
    expect(refresher.fresh()).toBeUndefined();
  });

  it('serves the last value until exactly ttl + staleIfError after it was loaded', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    const stale: number[] = [];
    const refresher = failingAfterFirst((age) => stale.push(age));
    expect(await refresher.get()).toBe('v1');
    vi.setSystemTime(149);
    expect(await refresher.get()).toBe('v1');
    expect(stale).toEqual([149]);
    vi.setSystemTime(150);
    await expect(refresher.get()).rejects.toMatchObject({ message: 'down' });
  });

  it('serves a value still fresh when an early refresh fails, and calls it stale only past the ttl', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const stale: number[] = [];
    for (const refresher of [failingAfterFirst((age) => stale.push(age)), failingAfterFirst()]) {
      vi.setSystemTime(0);
      expect(await refresher.get()).toBe('v1');
      vi.setSystemTime(40);
      expect(await refresher.refresh(0)).toBe('v1'); // as an unknown kid asks, before the ttl
      vi.setSystemTime(120);
      expect(await refresher.get()).toBe('v1'); // and without an onStale to tell
    }
    expect(stale).toEqual([120]);
  });
});
