import { TokenError } from '@jwt-authorizer/core';
import { createTestKey, signToken, type TestKey } from '@jwt-authorizer/test-fixtures';
import { errors } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInlineKeySource, keySourceOf } from '../src/index.js';

let rsa: TestKey;
let rsa2: TestKey;
beforeAll(async () => {
  [rsa, rsa2] = await Promise.all([createTestKey('RS256'), createTestKey('RS256')]);
});

async function getKeyError(keySource: ReturnType<typeof keySourceOf>, token: string): Promise<unknown> {
  const [header = ''] = token.split('.');
  const protectedHeader = JSON.parse(Buffer.from(header, 'base64url').toString());
  return Promise.resolve()
    .then(() => keySource.getKey(protectedHeader, { payload: '', signature: '' } as never))
    .then(
      () => undefined,
      (error: unknown) => error,
    );
}

describe('createInlineKeySource at its edges', () => {
  it('compares kid as soon as one configured key has one', async () => {
    const keySource = createInlineKeySource(
      JSON.stringify({ keys: [{ ...rsa.publicJwk, kid: 'a' }, rsa2.publicJwk] }),
      { algorithms: ['RS256'] },
    );
    const token = await signToken(rsa, {}, { header: { kid: 'a' } });
    const [header = ''] = token.split('.');
    const key = await keySource.getKey(JSON.parse(Buffer.from(header, 'base64url').toString()), {} as never);
    expect(key).toBeDefined();
  });

  it('turns "no key" and "several keys" into unknown_key TokenErrors, keeping the reason and jose\'s error', async () => {
    const keySource = createInlineKeySource(
      JSON.stringify({
        keys: [
          { ...rsa.publicJwk, kid: 'a' },
          { ...rsa2.publicJwk, kid: 'b' },
        ],
      }),
      { algorithms: ['RS256'] },
    );
    const none = await getKeyError(keySource, await signToken(rsa, {}, { header: { kid: 'c' } }));
    expect(none).toBeInstanceOf(TokenError);
    expect(none).toMatchObject({
      code: 'unknown_key',
      message: 'no configured key matches the token\'s "kid" and "alg"',
    });
    expect((none as Error).cause).toBeInstanceOf(errors.JWKSNoMatchingKey);
    const several = await getKeyError(keySource, await signToken(rsa));
    expect(several).toBeInstanceOf(TokenError);
    expect(several).toMatchObject({
      code: 'unknown_key',
      message: 'the token has no "kid" and several configured keys match',
    });
    expect((several as Error).cause).toBeInstanceOf(errors.JWKSMultipleMatchingKeys);
  });

  it("leaves any other failure as it is: an unusable configured key is not the token's fault", async () => {
    const keySource = keySourceOf({ keys: [{ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA', kid: 'bad' }] });
    const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'bad' })).toString('base64url');
    const error = await getKeyError(keySource, `${header}..`);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TokenError);
  });
});
