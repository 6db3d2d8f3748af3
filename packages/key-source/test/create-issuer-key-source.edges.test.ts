import { KeySourceError, verifyToken } from '@jwt-authorizer/core';
import { b64json, createTestKey, signToken, type TestKey } from '@jwt-authorizer/test-fixtures';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRefresher } from '../src/create-refresher.js';
import { createIssuerKeySource } from '../src/index.js';

const algorithms = ['RS256'] as const;
const ISSUER = 'https://idp.example/tenant/';
let key: TestKey;
beforeAll(async () => {
  key = await createTestKey('RS256');
});
afterEach(() => {
  vi.useRealTimers();
});

/** A fetch that answers discovery and JWKS requests from a table, recording what it was asked. */
function fakeFetch(answers: Record<string, () => Response | Promise<Response>>) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    const answer = answers[String(url)];
    if (!answer) return new Response('not found', { status: 404 });
    return answer();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}
const discovery = (document: unknown) => () => Response.json(document);
const jwks = () => Response.json({ keys: [{ ...key.publicJwk, kid: 'k1' }] });
const DISCOVERY_URL = 'https://idp.example/tenant/.well-known/openid-configuration';
const token = () => signToken(key, { iss: ISSUER }, { header: { kid: 'k1' } });

describe('createIssuerKeySource against a discovery endpoint', () => {
  it('asks {issuer without its trailing slash}/.well-known/openid-configuration for JSON, without redirects', async () => {
    const { fetch, calls } = fakeFetch({
      [DISCOVERY_URL]: discovery({ issuer: ISSUER, jwks_uri: 'https://idp.example/keys' }),
      'https://idp.example/keys': jwks,
    });
    const keySource = createIssuerKeySource([ISSUER], { algorithms, fetch });
    await expect(verifyToken(await token(), keySource, { algorithms })).resolves.toBeDefined();
    expect(calls[0]?.url).toBe(DISCOVERY_URL);
    expect(calls[0]?.init).toMatchObject({ redirect: 'manual', headers: { accept: 'application/json' } });
    expect(calls[0]?.init?.signal).toBeInstanceOf(AbortSignal);
  });

  it.each([
    ['HTTP 500', () => new Response('oops', { status: 500 }), 'key_source_unavailable', /answered HTTP 500$/],
    [
      'a redirect',
      () => new Response(null, { status: 302, headers: { location: 'https://evil.example/' } }),
      'key_source_unavailable',
      /answered HTTP 302$/,
    ],
    ['a body that is not JSON', () => new Response('<html>'), 'key_source_unavailable', /failed$/],
    ['a network error', () => Promise.reject(new TypeError('fetch failed')), 'key_source_unavailable', /failed$/],
    [
      'a timeout',
      () => Promise.reject(new DOMException('t', 'TimeoutError')),
      'key_source_timeout',
      /failed: timeout$/,
    ],
    [
      'another issuer',
      discovery({ issuer: 'https://idp.example/other/', jwks_uri: 'https://idp.example/keys' }),
      'invalid_key_material',
      /names another issuer or no jwks_uri$/,
    ],
    ['no jwks_uri', discovery({ issuer: ISSUER }), 'invalid_key_material', /no jwks_uri$/],
    [
      'a jwks_uri that is not a string',
      discovery({ issuer: ISSUER, jwks_uri: 42 }),
      'invalid_key_material',
      /no jwks_uri$/,
    ],
    [
      'a jwks_uri that is not a URL',
      discovery({ issuer: ISSUER, jwks_uri: 'keys' }),
      'invalid_key_material',
      /no jwks_uri$/,
    ],
    [
      'a plain-http jwks_uri',
      discovery({ issuer: ISSUER, jwks_uri: 'http://idp.example/keys' }),
      'invalid_key_material',
      /must be https/,
    ],
  ] as const)('fails closed on %s', async (_, answer, code, message) => {
    const { fetch } = fakeFetch({ [DISCOVERY_URL]: answer });
    const keySource = createIssuerKeySource([ISSUER], { algorithms, fetch });
    const error = await verifyToken(await token(), keySource, { algorithms }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeySourceError);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it('keeps the cause of a failed discovery request', async () => {
    const failure = new TypeError('fetch failed');
    const { fetch } = fakeFetch({ [DISCOVERY_URL]: () => Promise.reject(failure) });
    const error = await verifyToken(await token(), createIssuerKeySource([ISSUER], { algorithms, fetch }), {
      algorithms,
    }).catch((e: unknown) => e);
    expect((error as Error).cause).toBe(failure);
  });

  it('does not ask again for 10 s after a failed discovery', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T00:00:00Z'));
    const { fetch, calls } = fakeFetch({ [DISCOVERY_URL]: () => new Response('down', { status: 503 }) });
    const keySource = createIssuerKeySource([ISSUER], { algorithms, fetch });
    const jwt = await token();
    for (let i = 0; i < 3; i += 1)
      await expect(verifyToken(jwt, keySource, { algorithms })).rejects.toBeInstanceOf(KeySourceError);
    expect(calls).toHaveLength(1);
    vi.setSystemTime(Date.now() + 9_999);
    await expect(verifyToken(jwt, keySource, { algorithms })).rejects.toBeInstanceOf(KeySourceError);
    expect(calls).toHaveLength(1);
    vi.setSystemTime(Date.now() + 1);
    await expect(verifyToken(jwt, keySource, { algorithms })).rejects.toBeInstanceOf(KeySourceError);
    expect(calls).toHaveLength(2);
  });

  it('refuses, without any request, a token whose payload is not JSON or whose iss is not a string', async () => {
    const { fetch, calls } = fakeFetch({});
    const keySource = createIssuerKeySource([ISSUER], { algorithms, fetch });
    const header = { alg: 'RS256', kid: 'k1' };
    for (const payload of ['bm90IGpzb24', b64json({ iss: [ISSUER] }), b64json({ iss: 7 })]) {
      await expect(
        keySource.getKey(header, { payload, protected: b64json(header), signature: '' }),
      ).rejects.toMatchObject({
        code: 'wrong_issuer',
        message: 'the token\'s "iss" is not a configured issuer; no keys were fetched',
      });
    }
    await expect(keySource.getKey(header, undefined as never)).rejects.toMatchObject({ code: 'wrong_issuer' });
    expect(calls).toEqual([]);
  });
});

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

  it('serves the last value until exactly ttl + staleIfError after it was loaded', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    let calls = 0;
    const stale: number[] = [];
    const refresher = createRefresher(
      async () => {
        calls += 1;
        if (calls > 1) throw new KeySourceError('key_source_unavailable', 'down');
        return 'v1';
      },
      { ttlMs: 100, staleIfErrorMs: 50, retryAfterFailureMs: 0, onStale: (age) => stale.push(age) },
    );
    expect(await refresher.get()).toBe('v1');
    vi.setSystemTime(149);
    expect(await refresher.get()).toBe('v1');
    expect(stale).toEqual([149]);
    vi.setSystemTime(150);
    await expect(refresher.get()).rejects.toMatchObject({ message: 'down' });
  });
});
