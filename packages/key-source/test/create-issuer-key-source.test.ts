import { KeySourceError, verifyToken } from '@jwt-authorizer/core';
import {
  b64json,
  createTestKey,
  type JwksServer,
  signToken,
  startJwksServer,
  type TestKey,
} from '@jwt-authorizer/test-fixtures';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createIssuerKeySource } from '../src/index.js';

let keyA: TestKey;
let keyB: TestKey;
let idpA: JwksServer;
let idpB: JwksServer;
beforeAll(async () => {
  [keyA, keyB] = await Promise.all([createTestKey('RS256'), createTestKey('RS256')]);
});
afterEach(async () => {
  await Promise.all([idpA?.close(), idpB?.close()]);
});

const algorithms = ['RS256'] as const;

describe('createIssuerKeySource', () => {
  it('verifies each issuer with its own discovered keys, discovering once per issuer', async () => {
    idpA = await startJwksServer({ keys: [{ ...keyA.publicJwk, kid: 'a' }] });
    idpB = await startJwksServer({ keys: [{ ...keyB.publicJwk, kid: 'b' }] });
    const issuers = [idpA.issuer, idpB.issuer];
    const keySource = createIssuerKeySource(issuers, { algorithms });
    const verify = (token: string) => verifyToken(token, keySource, { algorithms, issuer: issuers });
    for (let i = 0; i < 3; i += 1) {
      await expect(
        verify(await signToken(keyA, { iss: idpA.issuer }, { header: { kid: 'a' } })),
      ).resolves.toBeDefined();
      await expect(
        verify(await signToken(keyB, { iss: idpB.issuer }, { header: { kid: 'b' } })),
      ).resolves.toBeDefined();
    }
    expect([idpA.discoveryCount, idpA.count, idpB.discoveryCount, idpB.count]).toEqual([1, 1, 1, 1]);
    // B's key does not verify a token claiming A as issuer: A's keys are asked, and do not have it
    const forged = await signToken(keyB, { iss: idpA.issuer }, { header: { kid: 'b' } });
    await expect(verify(forged)).rejects.toMatchObject({ code: 'unknown_key' });
  });

  it('refuses a token of an unknown issuer without any request', async () => {
    idpA = await startJwksServer({ keys: [{ ...keyA.publicJwk, kid: 'a' }] });
    const keySource = createIssuerKeySource([idpA.issuer], { algorithms });
    for (const iss of ['https://evil.example', undefined]) {
      const token = await signToken(keyA, iss === undefined ? {} : { iss }, { header: { kid: 'a' } });
      await expect(verifyToken(token, keySource, { algorithms })).rejects.toMatchObject({ code: 'wrong_issuer' });
    }
    expect(idpA.discoveryCount + idpA.count).toBe(0);
  });

  it('fails closed when the discovery document names another issuer', async () => {
    idpA = await startJwksServer({ keys: [{ ...keyA.publicJwk, kid: 'a' }] });
    const claimed = `${idpA.issuer}/tenant`; // the server's document names its origin, not this
    const keySource = createIssuerKeySource([claimed], { algorithms });
    const token = await signToken(keyA, { iss: claimed }, { header: { kid: 'a' } });
    await expect(verifyToken(token, keySource, { algorithms })).rejects.toMatchObject({
      name: 'KeySourceError',
      code: 'invalid_key_material',
    });
    expect([idpA.discoveryCount, idpA.count]).toEqual([1, 0]);
  });

  it("fetches every issuer's discovery document and keys on prefetch, so that tokens need no request", async () => {
    idpA = await startJwksServer({ keys: [{ ...keyA.publicJwk, kid: 'a' }] });
    idpB = await startJwksServer({ keys: [{ ...keyB.publicJwk, kid: 'b' }] });
    const issuers = [idpA.issuer, idpB.issuer];
    const keySource = createIssuerKeySource(issuers, { algorithms });
    await keySource.prefetch?.();
    expect([idpA.discoveryCount, idpA.count, idpB.discoveryCount, idpB.count]).toEqual([1, 1, 1, 1]);
    const token = await signToken(keyB, { iss: idpB.issuer }, { header: { kid: 'b' } });
    await expect(verifyToken(token, keySource, { algorithms, issuer: issuers })).resolves.toBeDefined();
    expect([idpA.discoveryCount, idpA.count, idpB.discoveryCount, idpB.count]).toEqual([1, 1, 1, 1]);
  });

  it('resolves a prefetch one issuer fails, with the keys of the others fetched', async () => {
    idpA = await startJwksServer({ keys: [{ ...keyA.publicJwk, kid: 'a' }] });
    idpB = await startJwksServer({ keys: [{ ...keyB.publicJwk, kid: 'b' }] });
    const claimed = `${idpA.issuer}/tenant`; // its document names another issuer: discovery fails
    const keySource = createIssuerKeySource([claimed, idpB.issuer], { algorithms });
    await expect(keySource.prefetch?.()).resolves.toBeUndefined();
    expect([idpA.discoveryCount, idpA.count, idpB.discoveryCount, idpB.count]).toEqual([1, 0, 1, 1]);
  });

  it('refuses at creation an issuer it could only reach over plain http or not at all', () => {
    for (const issuer of ['http://idp.example/', 'urn:example:idp']) {
      expect(() => createIssuerKeySource([issuer], { algorithms })).toThrow(
        expect.objectContaining({ code: 'invalid_key_material' }),
      );
    }
  });
});

describe('createIssuerKeySource against a discovery endpoint', () => {
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
      'a jwks_uri that is a list, whose text would be a URL',
      discovery({ issuer: ISSUER, jwks_uri: ['https://idp.example/keys'] }),
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

  it('reports each discovery request as a fetch, with the code a failure became', async () => {
    const cases = [
      [discovery({ issuer: ISSUER, jwks_uri: 'https://idp.example/jwks' }), { ok: true }],
      [() => new Response('down', { status: 503 }), { ok: false, code: 'key_source_unavailable' }],
      [
        discovery({ issuer: 'https://other.example/', jwks_uri: 'https://idp.example/jwks' }),
        { ok: false, code: 'invalid_key_material' },
      ],
    ] as const;
    for (const [answer, outcome] of cases) {
      const events: unknown[] = [];
      const { fetch } = fakeFetch({ [DISCOVERY_URL]: answer, 'https://idp.example/jwks': jwks });
      const keySource = createIssuerKeySource([ISSUER], { algorithms, fetch, onEvent: (event) => events.push(event) });
      await keySource.prefetch?.();
      expect(events[0]).toEqual({ type: 'fetch', source: 'discovery', durationMs: expect.any(Number), ...outcome });
      // the keys' own request follows a document that names them, and only then
      expect(events.slice(1)).toEqual(outcome.ok ? [expect.objectContaining({ source: 'jwks', ok: true })] : []);
    }
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
