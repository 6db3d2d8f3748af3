import { GetParameterCommand, SSMClient, SSMServiceException } from '@aws-sdk/client-ssm';
import { parseConfig, verifyToken } from '@jwt-authorizer/core';
import {
  createTestKey,
  type JwksServer,
  signToken,
  startJwksServer,
  type TestKey,
} from '@jwt-authorizer/test-fixtures';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createJwksKeySource, createKeySourceFromConfig, type KeySourceEvent } from '../src/index.js';
import { createSsmKeySource } from '../src/ssm.js';

// Edges of the remote sources: exact boundaries of every duration (Date faked, nothing else), the events' content,
// and the error mapping, each of which a mutant of the code would change.
const algorithms = ['RS256'] as const;
const T0 = new Date('2026-06-01T00:00:00Z').getTime();
let key: TestKey;
let server: JwksServer | undefined;
beforeAll(async () => {
  key = await createTestKey('RS256');
});
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});
const at = (seconds: number) => vi.setSystemTime(T0 + seconds * 1000);
const jwks = () => ({ keys: [{ ...key.publicJwk, kid: 'k1' }] });

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
      key,
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
    const good = await signToken(key, {}, { header: { kid: 'k1' } });
    await verifyToken(good, keySource, { algorithms, currentDate: new Date(Date.now()) });
    server.setMode({ kind: 'down' });
    at(5); // past jose's cooldown: an unknown kid refetches, which fails
    const unknown = await signToken(key, {}, { header: { kid: 'k2' } });
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
      await signToken(key, {}, { header: { kid: 'k1' } }),
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

describe('createSsmKeySource error names and events', () => {
  const ssm = mockClient(SSMClient);
  afterEach(() => ssm.reset());
  const client = () => new SSMClient({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  const awsError = (name: string) =>
    new SSMServiceException({ name, message: name, $fault: 'client', $metadata: { httpStatusCode: 400 } });

  it.each([
    ['ParameterVersionNotFound', 'key_not_found'],
    ['TooManyRequestsException', 'throttled'],
    ['TimeoutError', 'key_source_timeout'],
    ['AbortError', 'key_source_timeout'],
  ])('maps %s to %s, naming the parameter and the error', async (name, code) => {
    ssm.on(GetParameterCommand).rejects(awsError(name));
    const keySource = createSsmKeySource('/auth/key', { algorithms, client: client() });
    const error = await verifyToken(await signToken(key), keySource, { algorithms }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code, message: `SSM GetParameter /auth/key failed: ${name} (${code})` });
    expect((error as Error).cause).toBeInstanceOf(SSMServiceException);
  });

  it('reports its fetches with source ssm, the result and a plausible duration, and stale serves with their age', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at(0);
    ssm
      .on(GetParameterCommand)
      .resolvesOnce({ Parameter: { Value: key.publicPem } })
      .rejects(awsError('InternalServerError'));
    const events: KeySourceEvent[] = [];
    const keySource = createSsmKeySource('/auth/key', {
      algorithms,
      client: client(),
      cacheTtlSeconds: 60,
      retryAfterFailureSeconds: 5,
      onEvent: (event) => events.push(event),
    });
    const token = await signToken(key, { exp: Math.floor(T0 / 1000) + 3600, iat: Math.floor(T0 / 1000) });
    const verify = () => verifyToken(token, keySource, { algorithms, currentDate: new Date(Date.now()) });
    await verify();
    at(59.999);
    await verify(); // inside the TTL: no request
    at(60);
    await verify(); // the TTL: one failed refresh, stale serve
    at(64.999);
    await verify(); // inside the back-off: no request
    at(65);
    await verify(); // the back-off is over: one more request
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(3);
    expect(events.map((event) => [event.type, event.source, 'ok' in event ? event.ok : event.ageSeconds])).toEqual([
      ['fetch', 'ssm', true],
      ['fetch', 'ssm', false],
      ['stale', 'ssm', 60],
      ['stale', 'ssm', 65],
      ['fetch', 'ssm', false],
      ['stale', 'ssm', 65],
    ]);
    for (const event of events) if (event.type === 'fetch') expect(event.durationMs).toBeLessThan(10_000);
  });
});

describe('createKeySourceFromConfig', () => {
  it('builds the source each configuration names', async () => {
    server = await startJwksServer(jwks());
    const token = await signToken(key, { iss: server.issuer }, { header: { kid: 'k1' } });
    for (const env of [
      { JWT_PUBLIC_KEY: key.publicPem },
      { JWKS_URI: server.url.href },
      { JWT_ISSUER: server.issuer },
    ]) {
      const config = parseConfig(env);
      await expect(verifyToken(token, createKeySourceFromConfig(config), { algorithms })).resolves.toMatchObject({
        principalId: 'user-1',
      });
    }
    expect([server.count, server.discoveryCount]).toEqual([2, 1]);
  });

  it('passes the configured durations and the event listener to remote sources', async () => {
    server = await startJwksServer(jwks());
    const events: KeySourceEvent[] = [];
    const config = parseConfig({ JWKS_URI: server.url.href, KEY_FETCH_TIMEOUT_MS: '100' });
    server.setMode({ kind: 'hang' });
    const keySource = createKeySourceFromConfig(config, { onEvent: (event) => events.push(event) });
    const token = await signToken(key, {}, { header: { kid: 'k1' } });
    await expect(verifyToken(token, keySource, { algorithms })).rejects.toMatchObject({ code: 'key_source_timeout' });
    expect(events).toMatchObject([{ type: 'fetch', source: 'jwks', ok: false, code: 'key_source_timeout' }]);
  });

  it('loads the SSM source, and with it the SDK, only on first use', async () => {
    const config = parseConfig({ JWT_PUBLIC_KEY_SSM_PARAMETER: '/auth/key', AWS_REGION: 'eu-west-1' });
    const ssm = mockClient(SSMClient);
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: key.publicPem } });
    const keySource = createKeySourceFromConfig(config);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(0);
    await expect(verifyToken(await signToken(key), keySource, { algorithms })).resolves.toBeDefined();
    await verifyToken(await signToken(key), keySource, { algorithms });
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    ssm.restore();
  });
});
