import { createTestKey, signToken, type TestKey } from '@jwt-authorizer/test-fixtures';
import { createLocalJWKSet, errors } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  type KeySource,
  KeySourceError,
  TokenError,
  type VerifyTokenOptions,
  verifyToken,
} from '../src/index.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

let rsa: TestKey;
let rsa2: TestKey;
let keys: KeySource;
beforeAll(async () => {
  [rsa, rsa2] = await Promise.all([createTestKey('RS256'), createTestKey('RS256')]);
  keys = { getKey: createLocalJWKSet({ keys: [rsa.publicJwk] }) };
});

async function refusal(token: string, options: VerifyTokenOptions, keySource = keys): Promise<TokenError> {
  const error = await verifyToken(token, keySource, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenError);
  return error as TokenError;
}

describe('verifyToken at its edges', () => {
  const options: VerifyTokenOptions = { algorithms: ['RS256'] };

  it('accepts an iat exactly at the clock tolerance, and refuses one a second beyond', async () => {
    const currentDate = new Date('2026-06-01T12:00:00Z');
    const now = currentDate.getTime() / 1000;
    const at = await signToken(rsa, { iat: now + 30, exp: now + 3600 });
    await expect(verifyToken(at, keys, { ...options, currentDate })).resolves.toBeDefined();
    const beyond = await signToken(rsa, { iat: now + 31, exp: now + 3600 });
    expect((await refusal(beyond, { ...options, currentDate })).message).toMatch(/"iat" claim is in the future/);
  });

  it('accepts a principal of exactly 1,024 characters and names the claim when refusing a longer one', async () => {
    await expect(verifyToken(await signToken(rsa, { sub: 'x'.repeat(1024) }), keys, options)).resolves.toBeDefined();
    const error = await refusal(await signToken(rsa, { sub: 'x'.repeat(1025) }), options);
    expect(error.message).toMatch(/principal claim "sub" is over 1024 characters/);
    expect((await refusal(await signToken(rsa, { sub: 1 } as never), options)).message).toMatch(
      /"sub" is missing, empty/,
    );
  });

  it('refuses a token without kid that several configured keys could verify', async () => {
    const both = { getKey: createLocalJWKSet({ keys: [rsa.publicJwk, rsa2.publicJwk] }) };
    expect((await refusal(await signToken(rsa), options, both)).code).toBe('unknown_key');
  });

  it('refuses a compact JWS that is not three parts, called without extractBearerToken', async () => {
    const [header, payload] = (await signToken(rsa)).split('.');
    expect((await refusal(`${header}.${payload}`, options)).code).toBe('malformed_token');
  });

  it('says why in every header refusal, naming the offending member and bounding what it quotes', async () => {
    const payload = b64({ sub: 'a' });
    const cases: Array<[Record<string, unknown> | string, RegExp]> = [
      ['not-json', /token header is not base64url-encoded json/i],
      [{ typ: 'JWT' }, /has no "alg"/],
      [{ alg: 'none' }, /unsigned \("alg": "none"\)/],
      [{ alg: 'ES256' }, /"alg" "ES256" is not allowed/],
      [{ alg: `HS256${'x'.repeat(100)}` }, /^"alg" "HS256x{15}" is not allowed$/],
      [{ alg: 'RS256', x5u: 'https://x/' }, /carries "x5u"; keys come only from configuration/],
      [{ alg: 'RS256', crit: ['x'] }, /uses "crit" or "b64"; no JWS extension is supported/],
    ];
    for (const [header, message] of cases) {
      const encoded = typeof header === 'string' ? Buffer.from(header).toString('base64url') : b64(header);
      const error = await refusal(`${encoded}.${payload}.c2ln`, options);
      expect(error.message).toMatch(message);
    }
    const encoding = await refusal(`${b64({ alg: 'RS256' })}.${payload}.c3`, options); // "cw" is the canonical "s"
    expect(encoding.message).toMatch(/not canonical base64url/);
  });

  it("keeps jose's key-selection error as the cause of an unknown_key refusal, for diagnostics", async () => {
    const elsewhere: KeySource = { getKey: createLocalJWKSet({ keys: [{ ...rsa.publicJwk, kid: 'other' }] }) };
    const token = await signToken(rsa, {}, { header: { kid: 'missing' } });
    const refused = await verifyToken(token, elsewhere, options).catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: 'TokenError', code: 'unknown_key' });
    expect((refused as Error).cause).toBeInstanceOf(errors.JWKSNoMatchingKey);
  });

  it('never reads an error of the key source as a token problem, whatever its code', async () => {
    // A foreign error that happens to carry one of jose's codes must stay a 500, not become a 401.
    const foreign = Object.assign(new Error('upstream'), { code: 'ERR_JWS_INVALID' });
    const token = await signToken(rsa);
    await expect(verifyToken(token, { getKey: () => Promise.reject(foreign) }, options)).rejects.toBe(foreign);
  });
});

describe('error classes', () => {
  it('name themselves, so logs and callers can tell the three audiences apart', () => {
    expect(new TokenError('expired', 'x').name).toBe('TokenError');
    expect(new KeySourceError('key_source_unavailable', 'x').name).toBe('KeySourceError');
    const config = new ConfigError('invalid_value', 'JWT_ISSUER', 'bad');
    expect(config).toMatchObject({ name: 'ConfigError', variable: 'JWT_ISSUER', message: 'JWT_ISSUER: bad' });
  });
});
