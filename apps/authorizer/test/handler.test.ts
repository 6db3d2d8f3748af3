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
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandler } from '../src/create-handler.js';
import type { LogLevel } from '../src/log.js';

type Line = { level: LogLevel; message: string } & Record<string, unknown>;

function setUp(env: Record<string, string>, keySource?: KeySource) {
  const lines: Line[] = [];
  const log = (level: LogLevel, message: string, fields?: Record<string, unknown>) =>
    lines.push({ level, message, ...fields });
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

  it("keeps Middy's early timeout an error (500), never Unauthorized nor Allow", async () => {
    const { invoke, lines } = setUp({ JWT_PUBLIC_KEY: rsa.publicPem }, { getKey: () => new Promise(() => {}) });
    const token = await signToken(rsa);
    // A key source that never answers, 20 ms left: Middy gives up 5 ms before Lambda would, and that must not
    // look like a refusal of the token.
    const error = await refusal(() => invoke(`Bearer ${token}`, { getRemainingTimeInMillis: () => 20 }));
    expect(error.name).toBe('TimeoutError');
    expect(lines.at(-1)).toMatchObject({ level: 'ERROR', reason: 'TimeoutError' });
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

  it.each([
    [{}, 'JWT_PUBLIC_KEY | JWT_PUBLIC_KEY_SSM_PARAMETER | JWKS_URI'],
    [{ JWT_PUBLIC_KEY: 'not a key' }, 'JWT_PUBLIC_KEY'],
    [{ JWT_PUBLIC_KEY: 'x', JWT_ALGORITHMS: 'none' }, 'JWT_ALGORITHMS'],
  ])('fails the cold start on a bad configuration, naming the variable (%j)', (env, variable) => {
    expect(() => createHandler({ env, log: vi.fn() })).toThrow(
      expect.objectContaining({ name: 'ConfigError', variable }),
    );
  });
});
