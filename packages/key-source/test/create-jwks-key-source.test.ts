import { KeyObject } from 'node:crypto';
import { TokenError, verifyToken } from '@jwt-authorizer/core';
import {
  createRsaKeyWithExponent,
  createTestKey,
  forgeExponentOneToken,
  type JwksServer,
  signToken,
  startJwksServer,
  type TestKey,
} from '@jwt-authorizer/test-fixtures';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createJwksKeySource, type JwksKeySourceOptions, type KeySourceEvent } from '../src/index.js';

// Real HTTP on loopback; every property is asserted by the number of requests the server received. Only `Date`
// is faked (to cross TTLs and cooldowns), never timers or the network.
let key1: TestKey;
let key2: TestKey;
let ec: TestKey;
let server: JwksServer;
beforeAll(async () => {
  [key1, key2, ec] = await Promise.all([createTestKey('RS256'), createTestKey('RS256'), createTestKey('ES256')]);
});
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
});

const set = (...entries: [TestKey, string][]) => ({ keys: entries.map(([key, kid]) => ({ ...key.publicJwk, kid })) });
const algorithms = ['RS256'] as const;
const verify = (token: string, keySource: ReturnType<typeof createJwksKeySource>) =>
  verifyToken(token, keySource, { algorithms });

function source(options: Partial<JwksKeySourceOptions> = {}) {
  const events: KeySourceEvent[] = [];
  const keySource = createJwksKeySource(server.url, { algorithms, onEvent: (event) => events.push(event), ...options });
  return { keySource, events };
}

function advance(seconds: number) {
  vi.setSystemTime(Date.now() + seconds * 1000);
}

describe('createJwksKeySource', () => {
  it('makes one request for 100 concurrent verifications on a cold start', async () => {
    server = await startJwksServer(set([key1, 'k1']));
    server.setDelay(50);
    const { keySource } = source();
    const tokens = await Promise.all(
      Array.from({ length: 100 }, (_, i) => signToken(key1, { sub: `u${i}` }, { header: { kid: 'k1' } })),
    );
    const results = await Promise.all(tokens.map((token) => verify(token, keySource)));
    expect(results.map((r) => r.principalId)).toEqual(tokens.map((_, i) => `u${i}`));
    expect(server.count).toBe(1);
  });

  it('refetches at most once per cooldown for a burst of 1,000 unknown kids', async () => {
    server = await startJwksServer(set([key1, 'k1']));
    const { keySource } = source();
    await verify(await signToken(key1, {}, { header: { kid: 'k1' } }), keySource);
    vi.useFakeTimers({ toFake: ['Date'] });
    advance(31); // past the cooldown of the first fetch: one refetch is allowed
    const tokens = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => signToken(key1, {}, { header: { kid: `random-${i}` } })),
    );
    const results = await Promise.allSettled(tokens.map((token) => verify(token, keySource)));
    expect(results.every((r) => r.status === 'rejected' && r.reason.code === 'unknown_key')).toBe(true);
    expect(server.count).toBe(2);
  });

  it('refetches at most once per 30 s cooldown during a 30 s flood of unknown kids', async () => {
    server = await startJwksServer(set([key1, 'k1']));
    const { keySource } = source();
    await verify(await signToken(key1, {}, { header: { kid: 'k1' } }), keySource);
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = await signToken(key1, {}, { header: { kid: 'made-up' } });
    for (let second = 0; second < 30; second += 1) {
      for (let i = 0; i < 20; i += 1)
        await expect(verify(token, keySource)).rejects.toMatchObject({ code: 'unknown_key' });
      advance(1);
    }
    expect(server.count).toBeLessThanOrEqual(2);
  });

  it("answers with the key itself, not a promise, while the set is fresh and holds the token's key", async () => {
    server = await startJwksServer(set([key1, 'k1'], [key2, 'k2']));
    const { keySource } = source({ cacheTtlSeconds: 60 });
    const header = { alg: 'RS256', kid: 'k1' };
    const cold = keySource.getKey(header, { payload: '', signature: '' });
    expect(cold).toBeInstanceOf(Promise); // no set yet: it is fetched
    const first = await cold;
    expect(keySource.getKey(header, { payload: '', signature: '' })).toBe(first);
    expect(keySource.getKey({ alg: 'RS256', kid: 'k2' }, { payload: '', signature: '' })).not.toBe(first);
    // A kid the set lacks takes the slow path (a refetch, unless inside the cooldown, as here): a rejected promise.
    const unknown = keySource.getKey({ alg: 'RS256', kid: 'k3' }, { payload: '', signature: '' });
    expect(unknown).toBeInstanceOf(Promise);
    await expect(unknown).rejects.toMatchObject({ code: 'unknown_key' });
    vi.useFakeTimers({ toFake: ['Date'] });
    advance(61); // stale: fetched again, behind a promise
    const refreshed = keySource.getKey(header, { payload: '', signature: '' });
    expect(refreshed).toBeInstanceOf(Promise);
    await expect(refreshed).resolves.toBeDefined();
    expect(server.count).toBe(2);
  });

  it('picks up a newly published key with the first token that needs it', async () => {
    server = await startJwksServer(set([key1, 'k1']));
    const { keySource } = source();
    await verify(await signToken(key1, {}, { header: { kid: 'k1' } }), keySource);
    vi.useFakeTimers({ toFake: ['Date'] });
    advance(31);
    server.publish(set([key1, 'k1'], [key2, 'k2']));
    await expect(
      verify(await signToken(key2, { sub: 'new' }, { header: { kid: 'k2' } }), keySource),
    ).resolves.toMatchObject({
      principalId: 'new',
    });
    expect(server.count).toBe(2);
  });

  it('within the cooldown refuses a new kid, and accepts it once the cooldown has passed', async () => {
    server = await startJwksServer(set([key1, 'k1']));
    const { keySource } = source();
    await verify(await signToken(key1, {}, { header: { kid: 'k1' } }), keySource);
    server.publish(set([key2, 'k2']));
    const token = await signToken(key2, {}, { header: { kid: 'k2' } });
    await expect(verify(token, keySource)).rejects.toMatchObject({ code: 'unknown_key' });
    vi.useFakeTimers({ toFake: ['Date'] });
    advance(31);
    await expect(verify(token, keySource)).resolves.toMatchObject({ principalId: 'user-1' });
    // rotation: the old key is gone from the set, so its tokens are refused after the refetch
    await expect(verify(await signToken(key1, {}, { header: { kid: 'k1' } }), keySource)).rejects.toMatchObject({
      code: 'unknown_key',
    });
    expect(server.count).toBe(2);
  });

  it('refreshes after the TTL', async () => {
    server = await startJwksServer(set([key1, 'k1']));
    const { keySource } = source({ cacheTtlSeconds: 60 });
    const token = await signToken(key1, {}, { header: { kid: 'k1' } });
    await verify(token, keySource);
    vi.useFakeTimers({ toFake: ['Date'] });
    advance(59);
    await verify(token, keySource);
    expect(server.count).toBe(1);
    advance(2);
    await verify(token, keySource);
    expect(server.count).toBe(2);
  });

  it('fails closed at a cold start when the identity provider is down, and backs off before asking again', async () => {
    server = await startJwksServer(set([key1, 'k1']));
    server.setMode({ kind: 'down' });
    const { keySource, events } = source({ retryAfterFailureSeconds: 10 });
    const token = await signToken(key1, {}, { header: { kid: 'k1' } });
    for (let i = 0; i < 5; i += 1) {
      await expect(verify(token, keySource)).rejects.toMatchObject({
        name: 'KeySourceError',
        code: 'key_source_unavailable',
      });
    }
    expect(server.count).toBe(1);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'fetch', ok: false, code: 'key_source_unavailable' }),
    );
    vi.useFakeTimers({ toFake: ['Date'] });
    advance(11);
    server.setMode({ kind: 'ok' });
    await expect(verify(token, keySource)).resolves.toMatchObject({ principalId: 'user-1' });
    expect(server.count).toBe(2);
  });

  it('keeps verifying with the last good keys while the provider is down, for the stale bound only', async () => {
    server = await startJwksServer(set([key1, 'k1']));
    const { keySource, events } = source({
      cacheTtlSeconds: 300,
      staleIfErrorSeconds: 600,
      retryAfterFailureSeconds: 10,
    });
    const token = await signToken(key1, { exp: Math.floor(Date.now() / 1000) + 7200 }, { header: { kid: 'k1' } });
    await verify(token, keySource);
    server.setMode({ kind: 'down' });
    vi.useFakeTimers({ toFake: ['Date'] });
    advance(301); // past the TTL: a refresh is due and fails
    await expect(verify(token, keySource)).resolves.toMatchObject({ principalId: 'user-1' });
    expect(server.count).toBe(2);
    for (let i = 0; i < 20; i += 1) await verify(token, keySource); // within the back-off: no request
    expect(server.count).toBe(2);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'stale', source: 'jwks', code: 'key_source_unavailable' }),
    );
    advance(11);
    await verify(token, keySource); // one more attempt, still stale
    expect(server.count).toBe(3);
    advance(600); // past TTL + stale bound: fail closed
    await expect(verify(token, keySource)).rejects.toMatchObject({ code: 'key_source_unavailable' });
  });

  it('serves nothing stale when the stale bound is 0', async () => {
    server = await startJwksServer(set([key1, 'k1']));
    const { keySource } = source({ cacheTtlSeconds: 60, staleIfErrorSeconds: 0 });
    const token = await signToken(key1, {}, { header: { kid: 'k1' } });
    await verify(token, keySource);
    server.setMode({ kind: 'down' });
    vi.useFakeTimers({ toFake: ['Date'] });
    advance(61);
    await expect(verify(token, keySource)).rejects.toMatchObject({ code: 'key_source_unavailable' });
  });

  it('times out a slow endpoint', async () => {
    server = await startJwksServer(set([key1, 'k1']));
    server.setMode({ kind: 'hang' });
    const { keySource } = source({ timeoutMs: 200 });
    const token = await signToken(key1, {}, { header: { kid: 'k1' } });
    await expect(verify(token, keySource)).rejects.toMatchObject({ code: 'key_source_timeout' });
    expect(server.count).toBe(1);
  });

  it('accepts a slow answer that arrives inside the timeout', async () => {
    server = await startJwksServer(set([key1, 'k1']));
    server.setDelay(300);
    const { keySource } = source({ timeoutMs: 2000 });
    await expect(verify(await signToken(key1, {}, { header: { kid: 'k1' } }), keySource)).resolves.toBeDefined();
  });

  it('refuses a body that is not a key set', async () => {
    server = await startJwksServer(set([key1, 'k1']));
    server.setMode({ kind: 'garbage' });
    const { keySource } = source();
    await expect(verify(await signToken(key1, {}, { header: { kid: 'k1' } }), keySource)).rejects.toMatchObject({
      code: 'invalid_key_material',
    });
  });

  it('refuses an oversized body without reading all of it', async () => {
    server = await startJwksServer(set([key1, 'k1']));
    server.setMode({ kind: 'huge', bytes: 64 * 1024 * 1024 });
    const { keySource } = source({ maxBytes: 64 * 1024 });
    await expect(verify(await signToken(key1, {}, { header: { kid: 'k1' } }), keySource)).rejects.toMatchObject({
      code: 'invalid_key_material',
      message: expect.stringContaining('larger than'),
    });
  });

  it('does not follow redirects', async () => {
    const target = await startJwksServer(set([key1, 'k1']));
    server = await startJwksServer(set([key1, 'k1']));
    server.setMode({ kind: 'redirect', location: target.url.href });
    const { keySource } = source();
    await expect(verify(await signToken(key1, {}, { header: { kid: 'k1' } }), keySource)).rejects.toMatchObject({
      code: 'key_source_unavailable',
      message: expect.stringContaining('redirects are not followed'),
    });
    expect(target.count).toBe(0);
    await target.close();
  });

  it('never verifies with enc keys, symmetric keys or keys of another type', async () => {
    server = await startJwksServer({
      keys: [
        { ...key1.publicJwk, kid: 'enc', use: 'enc' },
        { kty: 'oct', kid: 'oct', k: 'c2VjcmV0' },
        { ...ec.publicJwk, kid: 'ec' },
        { ...key2.publicJwk, kid: 'good' },
      ],
    });
    const { keySource } = source();
    await expect(verify(await signToken(key1, {}, { header: { kid: 'enc' } }), keySource)).rejects.toMatchObject({
      code: 'unknown_key',
    });
    await expect(verify(await signToken(key1, {}, { header: { kid: 'oct' } }), keySource)).rejects.toMatchObject({
      code: 'unknown_key',
    });
    await expect(verify(await signToken(key2, {}, { header: { kid: 'good' } }), keySource)).resolves.toBeDefined();
  });

  it('refuses a published set holding private key members', async () => {
    const { privateKey } = key1;
    const { exportJWK } = await import('jose');
    server = await startJwksServer({ keys: [{ ...(await exportJWK(privateKey)), kid: 'k1' }] });
    const { keySource } = source();
    await expect(verify(await signToken(key1, {}, { header: { kid: 'k1' } }), keySource)).rejects.toMatchObject({
      code: 'invalid_key_material',
    });
  });

  it('refuses plain http except for loopback hosts', () => {
    expect(() => createJwksKeySource(new URL('http://idp.example/jwks.json'), { algorithms })).toThrow(
      expect.objectContaining({ code: 'invalid_key_material' }),
    );
    expect(() => createJwksKeySource(new URL('https://idp.example/jwks.json'), { algorithms })).not.toThrow();
  });

  it('keeps serving the good key of a set that also holds an e = 1 key, and reports the one it left out', async () => {
    const weak = createRsaKeyWithExponent(1n);
    server = await startJwksServer({
      keys: [
        { ...weak.publicJwk, kid: 'weak' },
        { ...key1.publicJwk, kid: 'k1' },
      ],
    });
    const { keySource, events } = source();
    await expect(verify(await signToken(key1, {}, { header: { kid: 'k1' } }), keySource)).resolves.toBeDefined();
    const untold = createJwksKeySource(server.url, { algorithms });
    await expect(verify(await signToken(key1, {}, { header: { kid: 'k1' } }), untold)).resolves.toBeDefined();
    const forged = forgeExponentOneToken(
      weak,
      { sub: 'attacker', exp: Math.floor(Date.now() / 1000) + 60 },
      { kid: 'weak' },
    );
    await expect(verify(forged, keySource)).rejects.toMatchObject({ code: 'unknown_key' });
    expect(events).toContainEqual({
      type: 'key_left_out',
      source: 'jwks',
      reason: 'key 0 (kid "weak"): its public exponent is 1: below 3, anyone can forge its signatures',
      routine: false,
    });
  });

  it('reports token-side selection failures as TokenError', async () => {
    server = await startJwksServer(set([key1, 'k1'], [key2, 'k2']));
    // No cooldown: only a kid the set lacks is a reason to refetch, not several keys that match.
    const { keySource } = source({ cooldownSeconds: 0 });
    const error = await verify(await signToken(key1), keySource).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect(error).toMatchObject({ code: 'unknown_key' });
    expect(server.count).toBe(1);
  });

  it('fetches the set on prefetch, once, and then answers the first token from it without waiting', async () => {
    server = await startJwksServer(set([key1, 'k1']));
    const { keySource, events } = source();
    await Promise.all([keySource.prefetch?.(), keySource.prefetch?.()]);
    expect(server.count).toBe(1);
    expect(events).toMatchObject([{ type: 'fetch', source: 'jwks', ok: true }]);
    // A key, not a promise of one: the set is already there.
    expect(keySource.getKey({ alg: 'RS256', kid: 'k1' }, undefined as never)).toBeInstanceOf(KeyObject);
    await expect(verify(await signToken(key1, {}, { header: { kid: 'k1' } }), keySource)).resolves.toMatchObject({
      principalId: 'user-1',
    });
    expect(server.count).toBe(1);
  });

  it('resolves a prefetch that fails, reports it, and leaves the failure and its back-off to the first token', async () => {
    server = await startJwksServer(set([key1, 'k1']));
    server.setMode({ kind: 'down' });
    const { keySource, events } = source({ retryAfterFailureSeconds: 10 });
    await expect(keySource.prefetch?.()).resolves.toBeUndefined();
    expect(events).toMatchObject([{ type: 'fetch', ok: false, code: 'key_source_unavailable' }]);
    server.setMode({ kind: 'ok' });
    const token = await signToken(key1, {}, { header: { kid: 'k1' } });
    await expect(verify(token, keySource)).rejects.toMatchObject({ code: 'key_source_unavailable' });
    expect(server.count).toBe(1);
    vi.useFakeTimers({ toFake: ['Date'] });
    advance(11);
    await expect(verify(token, keySource)).resolves.toMatchObject({ principalId: 'user-1' });
    expect(server.count).toBe(2);
  });
});

describe('createJwksKeySource at its edges', () => {
  // Exact boundaries of every duration (Date faked, nothing else), the events' content, and the error mapping,
  // each of which a mutant of the code would change.
  const T0 = new Date('2026-06-01T00:00:00Z').getTime();
  const at = (seconds: number) => vi.setSystemTime(T0 + seconds * 1000);
  const jwks = () => set([key1, 'k1']);

  describe('createJwksKeySource, exactly at its boundaries', () => {
    async function setUp(options: Record<string, number> = {}) {
      vi.useFakeTimers({ toFake: ['Date'] });
      at(0);
      server = await startJwksServer(jwks());
      const events: KeySourceEvent[] = [];
      const keySource = createJwksKeySource(server.url, {
        algorithms,
        cacheTtlSeconds: 60,
        staleIfErrorSeconds: 120,
        retryAfterFailureSeconds: 10,
        onEvent: (event) => events.push(event),
        ...options,
      });
      const token = await signToken(
        key1,
        { exp: Math.floor(T0 / 1000) + 3600, iat: Math.floor(T0 / 1000) },
        { header: { kid: 'k1' } },
      );
      const verify = () => verifyToken(token, keySource, { algorithms, currentDate: new Date(Date.now()) });
      return { events, verify, server: server as JwksServer };
    }

    it('reports a fetch with its source, result and a plausible duration', async () => {
      const { events, verify } = await setUp();
      await verify();
      expect(events).toHaveLength(1);
      const [event] = events as [Extract<KeySourceEvent, { type: 'fetch' }>];
      expect(event).toMatchObject({ type: 'fetch', source: 'jwks', ok: true });
      expect(event.durationMs).toBeGreaterThanOrEqual(0);
      expect(event.durationMs).toBeLessThan(10_000);
    });

    it('serves stale keys until exactly TTL + stale bound, reporting their age, and not before the TTL', async () => {
      const { events, verify, server } = await setUp();
      await verify();
      server.setMode({ kind: 'down' });
      at(60); // the TTL: a refresh is due, fails, stale serves
      await verify();
      expect(events.at(-1)).toMatchObject({
        type: 'stale',
        source: 'jwks',
        ageSeconds: 60,
        code: 'key_source_unavailable',
      });
      const failed = events.find((event) => event.type === 'fetch' && !event.ok) as Extract<
        KeySourceEvent,
        { ok: false }
      >;
      expect(failed.durationMs).toBeLessThan(10_000);
      at(179); // one second inside TTL + stale bound (and past the back-off)
      await verify();
      expect(events.at(-1)).toMatchObject({ type: 'stale', ageSeconds: 179 });
      at(180);
      await expect(verify()).rejects.toMatchObject({ code: 'key_source_unavailable' });
    });

    it('asks again exactly when the back-off ends, not a moment before', async () => {
      const { verify, server } = await setUp();
      await verify();
      server.setMode({ kind: 'down' });
      at(60);
      await verify();
      expect(server.count).toBe(2);
      at(69.999);
      await verify();
      expect(server.count).toBe(2);
      at(70);
      await verify();
      expect(server.count).toBe(3);
    });

    it('reports no stale serve when a failed refetch leaves keys that are still fresh', async () => {
      const { events, server } = await setUp({ cooldownSeconds: 1 });
      const keySource = createJwksKeySource(server.url, {
        algorithms,
        cacheTtlSeconds: 60,
        onEvent: (event) => events.push(event),
      });
      const good = await signToken(key1, {}, { header: { kid: 'k1' } });
      await verifyToken(good, keySource, { algorithms, currentDate: new Date(Date.now()) });
      server.setMode({ kind: 'down' });
      at(5); // past jose's cooldown: an unknown kid refetches, which fails
      const unknown = await signToken(key1, {}, { header: { kid: 'k2' } });
      await expect(
        verifyToken(unknown, keySource, { algorithms, currentDate: new Date(Date.now()) }),
      ).rejects.toMatchObject({
        code: 'unknown_key',
      });
      await verifyToken(good, keySource, { algorithms, currentDate: new Date(Date.now()) }); // inside the back-off
      expect(events.filter((event) => event.type === 'stale')).toEqual([]);
    });

    it('names the HTTP status, and mentions redirects for 3xx only', async () => {
      const { verify, server } = await setUp({ staleIfErrorSeconds: 0 });
      server.setMode({ kind: 'down' });
      const error = (await verify().catch((e: unknown) => e)) as Error;
      expect(error.message).toBe('the JWKS endpoint answered HTTP 503');
    });
  });

  describe('the JWKS body cap', () => {
    const body = () => JSON.stringify(jwks());
    const respond =
      (text: string, headers: Record<string, string> = {}) =>
      async () =>
        new Response(text, { status: 200, headers });
    const fetchKey = async (fetch: typeof globalThis.fetch, maxBytes: number) =>
      verifyToken(
        await signToken(key1, {}, { header: { kid: 'k1' } }),
        createJwksKeySource(new URL('https://idp.example/jwks.json'), { algorithms, maxBytes, fetch }),
        { algorithms },
      );

    it('accepts a body of exactly maxBytes and refuses one byte more, declared or streamed', async () => {
      const text = body();
      const bytes = Buffer.byteLength(text);
      await expect(fetchKey(respond(text), bytes)).resolves.toBeDefined();
      await expect(fetchKey(respond(text), bytes - 1)).rejects.toMatchObject({ code: 'invalid_key_material' });
      // a declared length over the cap is refused before the body is read, even if the body is short
      await expect(fetchKey(respond('{}', { 'content-length': String(bytes) }), bytes - 1)).rejects.toMatchObject({
        message: `the key set is larger than ${bytes - 1} bytes`,
      });
      await expect(fetchKey(respond(text, { 'content-length': String(bytes) }), bytes)).resolves.toBeDefined();
    });

    it('reads an empty 200 as no key set', async () => {
      await expect(fetchKey(async () => new Response(null, { status: 200 }), 1024)).rejects.toMatchObject({
        code: 'invalid_key_material',
      });
    });

    it('maps a network failure and an abort to their codes', async () => {
      const refused = Object.assign(new TypeError('fetch failed'), { cause: new Error('ECONNREFUSED') });
      await expect(fetchKey(async () => Promise.reject(refused), 1024)).rejects.toMatchObject({
        code: 'key_source_unavailable',
        message: 'the JWKS endpoint could not be reached',
        cause: refused,
      });
      const aborted = new DOMException('aborted', 'AbortError');
      await expect(fetchKey(async () => Promise.reject(aborted), 1024)).rejects.toMatchObject({
        code: 'key_source_timeout',
        cause: aborted,
      });
    });
  });
});
