import { GetParameterCommand, SSMClient, SSMServiceException } from '@aws-sdk/client-ssm';
import { verifyToken } from '@jwt-authorizer/core';
import { createRsaKeyWithExponent, createTestKey, signToken, type TestKey } from '@jwt-authorizer/test-fixtures';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KeySourceEvent } from '../src/index.js';
import { createSsmKeySource, type SsmKeySourceOptions } from '../src/ssm.js';

const ssm = mockClient(SSMClient);
const NAME = '/auth/jwt-public-key';
const algorithms = ['RS256'] as const;
let key: TestKey;
let other: TestKey;
beforeAll(async () => {
  [key, other] = await Promise.all([createTestKey('RS256'), createTestKey('RS256')]);
});
afterEach(() => {
  ssm.reset();
  vi.useRealTimers();
});

function source(options: Partial<SsmKeySourceOptions> = {}) {
  const events: KeySourceEvent[] = [];
  const keySource = createSsmKeySource(NAME, {
    algorithms,
    client: new SSMClient(CLIENT),
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { keySource, events };
}
const verify = (token: string, keySource: ReturnType<typeof createSsmKeySource>) =>
  verifyToken(token, keySource, { algorithms });
const awsError = (name: string, message = name) =>
  new SSMServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 400 } });
const CLIENT = { region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } };
const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

describe('createSsmKeySource', () => {
  it('reads the parameter WithDecryption and verifies with the PEM it holds', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: key.publicPem } });
    const { keySource } = source();
    await expect(verify(await signToken(key, { sub: 'a' }), keySource)).resolves.toMatchObject({ principalId: 'a' });
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, { Name: NAME, WithDecryption: true });
  });

  it('accepts a JWKS value and selects by kid', async () => {
    const jwks = {
      keys: [
        { ...key.publicJwk, kid: 'one' },
        { ...other.publicJwk, kid: 'two' },
      ],
    };
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify(jwks) } });
    const { keySource } = source();
    await expect(verify(await signToken(other, {}, { header: { kid: 'two' } }), keySource)).resolves.toBeDefined();
    await expect(verify(await signToken(other, {}, { header: { kid: 'one' } }), keySource)).rejects.toMatchObject({
      code: 'bad_signature',
    });
  });

  it('reports each key of the value it left out, and verifies with the others', async () => {
    const jwks = {
      keys: [
        { ...createRsaKeyWithExponent(1n).publicJwk, kid: 'weak' },
        { ...key.publicJwk, kid: 'k1' },
      ],
    };
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify(jwks) } });
    const { keySource, events } = source();
    await expect(verify(await signToken(key, {}, { header: { kid: 'k1' } }), keySource)).resolves.toBeDefined();
    expect(events).toContainEqual({
      type: 'key_left_out',
      source: 'ssm',
      reason: expect.stringMatching(/^key 0 /),
      routine: false,
    });
    const untold = createSsmKeySource(NAME, { algorithms, client: new SSMClient(CLIENT) });
    await expect(verify(await signToken(key, {}, { header: { kid: 'k1' } }), untold)).resolves.toBeDefined();
  });

  it('shares one request among concurrent cold calls and caches for the TTL', async () => {
    ssm.on(GetParameterCommand).callsFake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return { Parameter: { Value: key.publicPem } };
    });
    const { keySource } = source({ cacheTtlSeconds: 300 });
    const token = await signToken(key);
    await Promise.all(Array.from({ length: 50 }, () => verify(token, keySource)));
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 1);
    vi.useFakeTimers({ toFake: ['Date'] });
    advance(299);
    await verify(token, keySource);
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 1);
    advance(2);
    await verify(token, keySource);
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 2);
  });

  it('reads the parameter on prefetch, once, and resolves a prefetch that fails', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: key.publicPem } });
    const { keySource, events } = source();
    await keySource.prefetch?.();
    expect(events).toMatchObject([{ type: 'fetch', source: 'ssm', ok: true }]);
    await verify(await signToken(key), keySource);
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 1);
    ssm.reset();
    ssm.on(GetParameterCommand).rejects(awsError('ParameterNotFound'));
    const failing = source();
    await expect(failing.keySource.prefetch?.()).resolves.toBeUndefined();
    expect(failing.events).toMatchObject([{ type: 'fetch', ok: false, code: 'key_not_found' }]);
  });

  it('picks up a rotated key after the TTL', async () => {
    ssm
      .on(GetParameterCommand)
      .resolvesOnce({ Parameter: { Value: key.publicPem } })
      .resolves({ Parameter: { Value: other.publicPem } });
    const { keySource } = source({ cacheTtlSeconds: 60 });
    await verify(await signToken(key), keySource);
    vi.useFakeTimers({ toFake: ['Date'] });
    advance(61);
    await expect(verify(await signToken(other), keySource)).resolves.toBeDefined();
    await expect(verify(await signToken(key), keySource)).rejects.toMatchObject({ code: 'bad_signature' });
  });

  it('serves the last good key while refreshes fail, within the stale bound, logging each stale serve', async () => {
    ssm
      .on(GetParameterCommand)
      .resolvesOnce({ Parameter: { Value: key.publicPem } })
      .rejects(awsError('InternalServerError'));
    const { keySource, events } = source({
      cacheTtlSeconds: 60,
      staleIfErrorSeconds: 120,
      retryAfterFailureSeconds: 10,
    });
    const token = await signToken(key, { exp: Math.floor(Date.now() / 1000) + 3600 });
    await verify(token, keySource);
    vi.useFakeTimers({ toFake: ['Date'] });
    advance(61);
    await expect(verify(token, keySource)).resolves.toBeDefined();
    for (let i = 0; i < 10; i += 1) await verify(token, keySource);
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 2); // one failed refresh, then the back-off
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'stale', source: 'ssm', code: 'key_source_unavailable' }),
    );
    advance(120); // 181 s after the good read: past TTL + stale bound
    await expect(verify(token, keySource)).rejects.toMatchObject({
      name: 'KeySourceError',
      code: 'key_source_unavailable',
    });
  });

  it.each([
    ['ParameterNotFound', 'key_not_found'],
    ['AccessDeniedException', 'access_denied'],
    ['ThrottlingException', 'throttled'],
    ['InvalidKeyId', 'kms_failure'],
    ['KMSDisabledException', 'kms_failure'],
    ['InternalServerError', 'key_source_unavailable'],
  ])('maps %s to %s and fails closed with no good key', async (name, code) => {
    ssm.on(GetParameterCommand).rejects(awsError(name));
    const { keySource, events } = source();
    await expect(verify(await signToken(key), keySource)).rejects.toMatchObject({ name: 'KeySourceError', code });
    expect(events).toContainEqual(expect.objectContaining({ type: 'fetch', ok: false, code }));
  });

  it('fails closed on a rejection that is not an Error, keeping it as the cause', async () => {
    ssm.on(GetParameterCommand).callsFake(() => Promise.reject('socket hang up'));
    const { keySource } = source();
    await expect(verify(await signToken(key), keySource)).rejects.toMatchObject({
      code: 'key_source_unavailable',
      message: `SSM GetParameter ${NAME} failed: unknown error (key_source_unavailable)`,
      cause: 'socket hang up',
    });
  });

  it('tells a missing kms:Decrypt grant from a missing ssm:GetParameter grant', async () => {
    ssm
      .on(GetParameterCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          'User: arn:aws:sts::1:assumed-role/x is not authorized to perform: kms:Decrypt',
        ),
      );
    const { keySource } = source();
    await expect(verify(await signToken(key), keySource)).rejects.toMatchObject({ code: 'kms_failure' });
  });

  it('refuses a value that is not a key, and a parameter without a value', async () => {
    for (const output of [{ Parameter: { Value: 'hello' } }, { Parameter: {} }, {}]) {
      ssm.on(GetParameterCommand).resolves(output);
      await expect(verify(await signToken(key), source().keySource)).rejects.toMatchObject({
        code: 'invalid_key_material',
      });
    }
  });

  it('aborts a request that outlasts the timeout', async () => {
    // A client whose request never answers: only the abort signal can end it.
    const client = {
      send: (_command: GetParameterCommand, options?: { abortSignal?: AbortSignal }) =>
        new Promise<never>((_, reject) =>
          options?.abortSignal?.addEventListener('abort', () => reject(options.abortSignal?.reason)),
        ),
    };
    const { keySource } = source({ client, timeoutMs: 100 });
    await expect(verify(await signToken(key), keySource)).rejects.toMatchObject({ code: 'key_source_timeout' });
  });
});

describe('createSsmKeySource at its edges', () => {
  const T0 = new Date('2026-06-01T00:00:00Z').getTime();
  const at = (seconds: number) => vi.setSystemTime(T0 + seconds * 1000);

  describe('createSsmKeySource error names and events', () => {
    const client = () => new SSMClient(CLIENT);

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
      const summary = (event: KeySourceEvent) =>
        'ok' in event ? event.ok : 'ageSeconds' in event ? event.ageSeconds : event.reason;
      expect(events.map((event) => [event.type, event.source, summary(event)])).toEqual([
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
});

describe('createSsmKeySource without the AWS SDK', () => {
  afterEach(() => {
    vi.doUnmock('@aws-sdk/client-ssm');
    vi.resetModules();
  });

  it('fails with key_source_unavailable, naming the SDK, and reports no fetch it never made', async () => {
    vi.resetModules();
    vi.doMock('@aws-sdk/client-ssm', () => {
      throw new Error("Cannot find package '@aws-sdk/client-ssm'");
    });
    // Imported afresh, so that its import() of the SDK meets the mock.
    const { createSsmKeySource: create } = await import('../src/ssm.js');
    const events: KeySourceEvent[] = [];
    const keySource = create(NAME, { algorithms, onEvent: (event) => events.push(event) });
    const token = await signToken(key);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await verify(token, keySource).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'KeySourceError', code: 'key_source_unavailable' });
      expect((error as Error).message).toMatch(/@aws-sdk\/client-ssm/);
      expect((error as Error).cause).toBeInstanceOf(Error); // the import's own error
    }
    expect(events.filter((event) => event.type === 'fetch')).toEqual([]);
  });
});
