import { type KeySource, KeySourceError } from '@jwt-authorizer/core';
import {
  createTestKey,
  hmacWithPublicKeyToken,
  METHOD_ARN,
  SEED_ENV,
  SEED_TOKEN_BAD_SIGNATURE,
  SEED_TOKEN_VALID,
  signToken,
  type TestKey,
  unsignedToken,
} from '@jwt-authorizer/test-fixtures';
import type { APIGatewayAuthorizerResult, Context } from 'aws-lambda';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandler } from '../src/create-handler.js';
import { createJsonLog, type Log, type LogLevel } from '../src/log.js';

type Line = { level: LogLevel; message: string } & Record<string, unknown>;

function setUp(env: Record<string, string>, keySource?: KeySource) {
  const lines: Line[] = [];
  // As the JSON log writes them: the fields, then each metric's value as a member of its name.
  const log: Log = (level, message, fields, metrics) =>
    lines.push({
      level,
      message,
      ...fields,
      ...Object.fromEntries(Object.entries(metrics?.values ?? {}).map(([name, metric]) => [name, metric.value])),
    });
  const handler = createHandler({ env, log, ...(keySource && { keySource }) });
  const invoke = (authorizationToken: string, context: Partial<Context> = {}) =>
    handler(
      { type: 'TOKEN', authorizationToken, methodArn: METHOD_ARN },
      context as Context,
    ) as Promise<APIGatewayAuthorizerResult>;
  return { invoke, lines };
}

async function refusal(invoke: () => Promise<unknown>): Promise<Error> {
  const error = await invoke().then(
    () => new Error('expected a refusal'),
    (e: unknown) => e as Error,
  );
  return error;
}

let rsa: TestKey;
let other: TestKey;
/** A token that passes every check of the table's configuration but those `claims` break. */
const sign = (claims: Record<string, unknown>) =>
  signToken(rsa, { iss: 'https://idp.example/', aud: 'api', ...claims });
beforeAll(async () => {
  [rsa, other] = await Promise.all([createTestKey('RS256'), createTestKey('RS256')]);
});

describe('handler (TOKEN events)', () => {
  it("allows the seed's first token with the seed configuration: principal, context, stage-wide policy", async () => {
    const { invoke, lines } = setUp(SEED_ENV);
    const response = await invoke(`Bearer ${SEED_TOKEN_VALID}`);
    expect(response).toEqual({
      principalId: 'ncc1701a',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: 'Allow',
            Resource: 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/*/*',
          },
        ],
      },
      context: {
        sub: '1234567890',
        name: 'John Doe',
        admin: true,
        iat: 1516239022,
        first_name: 'brian',
        last_name: 'slattery',
        user_id: 'ncc1701a',
      },
    });
    expect(lines.at(-1)).toMatchObject({ level: 'INFO', outcome: 'allow', principal: 'ncc1701a' });
  });

  it('refuses the seed\'s second token with exactly "Unauthorized", logging bad_signature', async () => {
    const { invoke, lines } = setUp(SEED_ENV);
    const error = await refusal(() => invoke(`Bearer ${SEED_TOKEN_BAD_SIGNATURE}`));
    expect(error.message).toBe('Unauthorized');
    expect(lines.at(-1)).toMatchObject({ level: 'WARN', outcome: 'unauthorized', reason: 'bad_signature' });
  });

  it("refuses the seed's first token under the default JWT_REQUIRED_CLAIMS=exp, saying so", async () => {
    const { invoke, lines } = setUp({ ...SEED_ENV, JWT_REQUIRED_CLAIMS: '' });
    expect((await refusal(() => invoke(`Bearer ${SEED_TOKEN_VALID}`))).message).toBe('Unauthorized');
    expect(lines.at(-1)).toMatchObject({ reason: 'missing_claim', detail: expect.stringContaining('"exp"') });
  });

  it.each([
    ['missing_token', async () => ''],
    ['not_bearer', async () => `Basic ${await signToken(rsa)}`],
    ['malformed_token', async () => 'Bearer a.b'],
    ['token_too_large', async () => `Bearer ${'a'.repeat(9000)}`],
    ['unsigned_token', async () => `Bearer ${unsignedToken({ sub: 'a', exp: 4102444800 })}`],
    ['alg_not_allowed', async () => `Bearer ${await hmacWithPublicKeyToken(rsa)}`],
    ['bad_signature', async () => `Bearer ${await signToken(other)}`],
    ['expired', async () => `Bearer ${await sign({ exp: 1000, iat: 900 })}`],
    ['not_yet_valid', async () => `Bearer ${await sign({ nbf: 4102444800 })}`],
    ['embedded_key', async () => `Bearer ${await signToken(other, {}, { header: { jwk: other.publicJwk } })}`],
    ['invalid_principal', async () => `Bearer ${await sign({ sub: '' })}`],
    ['wrong_issuer', async () => `Bearer ${await sign({ iss: 'https://evil.example/' })}`],
    ['wrong_audience', async () => `Bearer ${await sign({ aud: 'other' })}`],
  ])('answers %s with exactly "Unauthorized" and logs the reason, never the token', async (reason, credential) => {
    const { invoke, lines } = setUp({
      JWT_PUBLIC_KEY: rsa.publicPem,
      JWT_ISSUER: 'https://idp.example/',
      JWT_AUDIENCE: 'api',
    });
    const header = await credential();
    const error = await refusal(() => invoke(header));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('Unauthorized');
    const line = lines.at(-1);
    expect(line).toMatchObject({ level: 'WARN', message: 'authorization refused', outcome: 'unauthorized', reason });
    expect(typeof line?.['durationMs']).toBe('number');
    const token = header.split(' ')[1] ?? '';
    if (token.length > 10)
      for (const part of token.split('.').filter((p) => p.length > 8))
        expect(JSON.stringify(lines)).not.toContain(part);
  });

  it('logs kid and iss of a refused token', async () => {
    const { invoke, lines } = setUp({ JWT_PUBLIC_KEY: rsa.publicPem });
    await refusal(async () =>
      invoke(`Bearer ${await signToken(other, { iss: 'https://idp.example/' }, { header: { kid: 'k9' } })}`),
    );
    expect(lines.at(-1)).toMatchObject({ reason: 'bad_signature', kid: 'k9', iss: 'https://idp.example/' });
  });

  it('keeps a malformed method ARN an error (500), never Unauthorized nor Allow', async () => {
    const lines: Line[] = [];
    const handler = createHandler({
      env: { JWT_PUBLIC_KEY: rsa.publicPem },
      log: (level, message, f) => lines.push({ level, message, ...f }),
    });
    const event = {
      type: 'TOKEN' as const,
      authorizationToken: `Bearer ${await signToken(rsa)}`,
      methodArn: 'arn:aws:execute-api:us-east-1:**',
    };
    const error = await refusal(() => handler(event, {} as Context));
    expect(error.message).not.toBe('Unauthorized');
    expect(lines.at(-1)).toMatchObject({ level: 'ERROR', outcome: 'error', reason: 'invalid_method_arn' });
  });

  it('never answers a key source that hangs with Unauthorized nor Allow: it waits for Lambda to time it out', async () => {
    const { invoke, lines } = setUp({ JWT_PUBLIC_KEY: rsa.publicPem }, { getKey: () => new Promise(() => {}) });
    const token = await signToken(rsa);
    // Middy's early timeout is off (its per-invocation timer costs more than the wait it guards: a request for keys
    // is bounded by KEY_FETCH_TIMEOUT_MS). So the invocation is still pending when Lambda would end it, with a 500.
    const settled = await Promise.race([
      invoke(`Bearer ${token}`, { getRemainingTimeInMillis: () => 20 }).then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((resolve) => setTimeout(() => resolve('pending'), 100)),
    ]);
    expect(settled).toBe('pending');
    expect(lines.filter((line) => line.message.startsWith('authorization'))).toEqual([]);
  });

  it('keeps a key source failure an error (500), never Unauthorized nor Allow', async () => {
    const down = new KeySourceError('key_source_unavailable', 'jwks endpoint answered 503');
    const { invoke, lines } = setUp({ JWT_PUBLIC_KEY: rsa.publicPem }, { getKey: () => Promise.reject(down) });
    const error = await refusal(async () => invoke(`Bearer ${await signToken(rsa)}`));
    expect(error).toBe(down);
    expect(lines.at(-1)).toMatchObject({ level: 'ERROR', outcome: 'error', reason: 'key_source_unavailable' });
  });

  it('refuses an event of an unsupported type as an error, not a refusal', async () => {
    const { lines } = setUp({ JWT_PUBLIC_KEY: rsa.publicPem });
    const handler = createHandler({
      env: { JWT_PUBLIC_KEY: rsa.publicPem },
      log: (l, m, f) => lines.push({ level: l, message: m, ...f }),
    });
    const error = await refusal(() => handler({ type: 'WEIRD' } as never, {} as Context));
    expect(error.message).not.toBe('Unauthorized');
  });

  it('logs the configuration warnings once, at cold start', () => {
    const { lines } = setUp({ JWT_PUBLIC_KEY: rsa.publicPem });
    expect(lines).toEqual([expect.objectContaining({ level: 'WARN', warning: expect.stringContaining('JWT_ISSUER') })]);
  });

  it("prefetches through the key source's prefetch, and resolves for a source without one", async () => {
    const prefetch = vi.fn(async () => undefined);
    const getKey = vi.fn();
    const withPrefetch = createHandler({
      env: { JWT_PUBLIC_KEY: rsa.publicPem },
      log: vi.fn(),
      keySource: { getKey, prefetch },
    });
    expect(prefetch).not.toHaveBeenCalled(); // not by creating the handler: the entry point asks for it
    await withPrefetch.prefetchKeys();
    expect(prefetch).toHaveBeenCalledTimes(1);
    const inline = createHandler({ env: { JWT_PUBLIC_KEY: rsa.publicPem }, log: vi.fn() });
    await expect(inline.prefetchKeys()).resolves.toBeUndefined();
    expect(getKey).not.toHaveBeenCalled();
  });

  it.each([
    [{}, 'JWT_PUBLIC_KEY | JWT_PUBLIC_KEY_SSM_PARAMETER | JWKS_URI | COGNITO_USER_POOL_ID'],
    [{ JWT_PUBLIC_KEY: 'not a key' }, 'JWT_PUBLIC_KEY'],
    [{ JWT_PUBLIC_KEY: 'x', JWT_ALGORITHMS: 'none' }, 'JWT_ALGORITHMS'],
  ])('fails the cold start on a bad configuration, naming the variable (%j)', (env, variable) => {
    expect(() => createHandler({ env, log: vi.fn() })).toThrow(
      expect.objectContaining({ name: 'ConfigError', variable }),
    );
  });
});

describe('handler (properties)', () => {
  // Modest numRuns: this runs in every `pnpm run check`, on two cores.
  // PROPERTY_RUNS lowers it where the suite runs hundreds of times (the mutation command sets it).
  const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 100);
  const STAGE_RESOURCE = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/*/*';
  const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  let key: TestKey;
  let other: TestKey;
  let valid: string;
  beforeAll(async () => {
    [key, other] = await Promise.all([createTestKey('RS256'), createTestKey('RS256')]);
    valid = await signToken(key);
  });

  /** The handler over `key`, with its log lines kept as the raw strings CloudWatch would receive. */
  function setUp(env: Record<string, string> = {}) {
    const lines: string[] = [];
    const handler = createHandler({
      env: { JWT_PUBLIC_KEY: key.publicPem, ...env },
      log: createJsonLog((line) => lines.push(line)),
    });
    const invoke = (event: unknown) => handler(event as never, {} as Context) as Promise<unknown>;
    return { invoke, lines };
  }

  async function outcome(promise: Promise<unknown>): Promise<{ response?: unknown; error?: unknown }> {
    return promise.then(
      (response) => ({ response }),
      (error: unknown) => ({ error }),
    );
  }

  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  // Text an attacker puts in kid, iss or sub: weighted towards controls, quotes and line separators.
  const hostileChar = fc.oneof(
    fc.integer({ min: 0, max: 0xa0 }).map((code) => String.fromCharCode(code)),
    fc.constantFrom('\u2028', '\u2029', '"', '\\', '{', '}'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  );
  const hostileText = fc.string({ unit: hostileChar, maxLength: 40 });

  /** Credentials that are wrong in every way a client or an attacker can make them. */
  function badCredential(): fc.Arbitrary<string> {
    const altered = fc.tuple(fc.nat(), fc.nat(63)).map(([at, pick]) => {
      const index = at % valid.length;
      if (valid[index] === '.') return `${valid}.`;
      const replacement = B64URL[pick] === valid[index] ? B64URL[(pick + 1) % 64] : B64URL[pick];
      return `Bearer ${valid.slice(0, index)}${replacement}${valid.slice(index + 1)}`;
    });
    return fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'binary' }).map((text) => `Bearer ${text}`),
      fc.constantFrom('', ' ', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', `bearer  ${'a'}.b.c`),
      altered,
      fc
        .tuple(fc.jsonValue(), fc.jsonValue())
        .map(([header, payload]) => `Bearer ${b64(header)}.${b64(payload)}.${valid.split('.')[2]}`),
      fc
        .record({ kid: hostileText, iss: hostileText, sub: hostileText })
        .chain(({ kid, iss, sub }) =>
          fc.constant(
            `Bearer ${b64({ alg: 'RS256', kid })}.${b64({ iss, sub, exp: 4_102_444_800 })}.${valid.split('.')[2]}`,
          ),
        ),
    );
  }

  it('answers every bad credential with exactly Error("Unauthorized") and one "unauthorized" log line', async () => {
    const { invoke, lines } = setUp();
    await fc.assert(
      fc.asyncProperty(badCredential(), fc.boolean(), async (authorizationToken, present) => {
        lines.length = 0;
        const event = { type: 'TOKEN', methodArn: METHOD_ARN, ...(present && { authorizationToken }) };
        const { response, error } = await outcome(invoke(event));
        expect(response).toBeUndefined();
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toBe('Unauthorized');
        expect(lines).toHaveLength(1);
        expect(JSON.parse(lines[0] ?? '')).toMatchObject({ outcome: 'unauthorized', reason: expect.any(String) });
      }),
      { numRuns: RUNS },
    );
  });

  it('never answers an arbitrary event with anything but an error, and logs it once', async () => {
    const { invoke, lines } = setUp();
    const event = fc.oneof(
      fc.anything(),
      fc.record(
        {
          type: fc.oneof(fc.constant('TOKEN'), fc.string()),
          methodArn: fc.oneof(fc.constant(METHOD_ARN), fc.anything()),
          authorizationToken: fc.anything(),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(event, async (input) => {
        lines.length = 0;
        const { response, error } = await outcome(invoke(input));
        expect(response).toBeUndefined();
        expect(error).toBeInstanceOf(Error);
        expect(lines).toHaveLength(1);
        const line = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
        // Unauthorized (401) only for a refused token; everything else stays an error (500).
        expect(line['outcome']).toBe((error as Error).message === 'Unauthorized' ? 'unauthorized' : 'error');
      }),
      { numRuns: RUNS },
    );
  });

  it('answers every valid token with a contract-valid response: Allow on the stage, flat context, under 8 KiB', async () => {
    const { invoke } = setUp();
    const claims = fc.dictionary(fc.string({ unit: 'binary', maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), {
      maxKeys: 30,
    });
    const principal = fc.string({ unit: 'binary', minLength: 1, maxLength: 64 });
    await fc.assert(
      fc.asyncProperty(claims, principal, async (extra, sub) => {
        const { exp, iat, nbf, iss, aud, ...rest } = extra;
        const token = await signToken(key, { ...rest, sub });
        const response = (await invoke({
          type: 'TOKEN',
          methodArn: METHOD_ARN,
          authorizationToken: `Bearer ${token}`,
        })) as {
          principalId: unknown;
          policyDocument: unknown;
          context: Record<string, unknown>;
        };
        expect(response.principalId).toBe(sub);
        expect(response.policyDocument).toEqual({
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: STAGE_RESOURCE }],
        });
        for (const value of Object.values(response.context)) {
          expect(['string', 'number', 'boolean']).toContain(typeof value);
        }
        expect(Object.keys(response).sort()).toEqual(['context', 'policyDocument', 'principalId']);
        expect(Buffer.byteLength(JSON.stringify(response))).toBeLessThan(8192);
      }),
      { numRuns: RUNS },
    );
  });

  it('never logs the token, a key, or a raw control character taken from the token', async () => {
    const { invoke, lines } = setUp();
    const keyMaterial = [
      key.publicPem.split('\n')[1] ?? '',
      (key.publicJwk.n ?? '').slice(0, 40),
      (other.publicJwk.n ?? '').slice(0, 40),
    ];
    // C0 and C1 controls, DEL, and the Unicode line and paragraph separators some log viewers break lines on.
    const isControl = (char: string) => {
      const code = char.codePointAt(0) ?? 0;
      return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
    };
    const token = fc.oneof(
      fc
        .record({
          kid: hostileText,
          iss: hostileText,
          sub: hostileText,
          alg: fc.constantFrom('RS256', 'HS256', 'none'),
        })
        .map(
          ({ kid, iss, sub, alg }) =>
            `${b64({ alg, kid })}.${b64({ iss, sub, exp: 4_102_444_800 })}.${valid.split('.')[2]}`,
        ),
      fc.record({ kid: hostileText, sub: hostileText.filter((text) => text.length > 0) }),
    );
    await fc.assert(
      fc.asyncProperty(token, fc.boolean(), async (candidate, signed) => {
        lines.length = 0;
        let credential: string;
        if (typeof candidate === 'string') credential = candidate;
        else {
          // A token signed by the right key (allowed) or by another one (refused), with hostile kid and principal.
          const signer = signed ? key : other;
          credential = await signToken(signer, { sub: candidate.sub }, { header: { kid: candidate.kid } });
        }
        await outcome(invoke({ type: 'TOKEN', methodArn: METHOD_ARN, authorizationToken: `Bearer ${credential}` }));
        expect(lines).toHaveLength(1);
        const line = lines[0] ?? '';
        expect([...line].filter(isControl)).toEqual([]);
        expect(line).not.toContain(credential);
        for (const part of credential.split('.').filter((p) => p.length > 12)) expect(line).not.toContain(part);
        for (const material of keyMaterial) expect(line).not.toContain(material);
        expect(() => JSON.parse(line)).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });
});
