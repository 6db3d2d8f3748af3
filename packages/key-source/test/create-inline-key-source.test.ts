import { KeyObject } from 'node:crypto';
import { type Algorithm, TokenError, verifyToken } from '@jwt-authorizer/core';
import { createRsaKeyWithExponent, createTestKey, signToken, type TestKey } from '@jwt-authorizer/test-fixtures';
import { errors } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createInlineKeySource, type KeySourceEvent, keySourceOf } from '../src/index.js';

let rsa: TestKey;
let rsa2: TestKey;
let ec: TestKey;
beforeAll(async () => {
  [rsa, rsa2, ec] = await Promise.all([createTestKey('RS256'), createTestKey('RS256'), createTestKey('ES256')]);
});

const verify = (token: string, material: string, algorithms: Algorithm[] = ['RS256']) =>
  verifyToken(token, createInlineKeySource(material, { algorithms }), { algorithms });

describe('createInlineKeySource', () => {
  it('reports each key of the material it left out, and verifies with the others', async () => {
    const weak = createRsaKeyWithExponent(1n);
    const events: KeySourceEvent[] = [];
    const material = JSON.stringify({ keys: [weak.publicJwk, { ...rsa.publicJwk, kid: 'k1' }] });
    const keySource = createInlineKeySource(material, {
      algorithms: ['RS256'],
      onEvent: (event) => events.push(event),
    });
    const token = await signToken(rsa, {}, { header: { kid: 'k1' } });
    await expect(verifyToken(token, keySource, { algorithms: ['RS256'] })).resolves.toBeDefined();
    expect(events).toEqual([
      {
        type: 'key_left_out',
        source: 'inline',
        reason: expect.stringMatching(/^key 0: its public exponent is 1/),
        routine: false,
      },
    ]);
    const untold = createInlineKeySource(material, { algorithms: ['RS256'] });
    await expect(verifyToken(token, untold, { algorithms: ['RS256'] })).resolves.toBeDefined();
  });

  it('verifies tokens with a pasted PEM whatever their kid: a PEM has none to compare', async () => {
    const token = await signToken(rsa, { sub: 'a' }, { header: { kid: 'idp-key-2026' } });
    await expect(verify(token, rsa.publicPem)).resolves.toMatchObject({ principalId: 'a' });
  });

  it('selects the key of a JWKS by kid', async () => {
    const jwks = JSON.stringify({
      keys: [
        { ...rsa.publicJwk, kid: 'one' },
        { ...rsa2.publicJwk, kid: 'two' },
      ],
    });
    const token = await signToken(rsa2, { sub: 'b' }, { header: { kid: 'two' } });
    await expect(verify(token, jwks)).resolves.toMatchObject({ principalId: 'b' });
    const wrongKid = await signToken(rsa2, {}, { header: { kid: 'three' } });
    await expect(verify(wrongKid, jwks)).rejects.toMatchObject({ code: 'unknown_key' });
  });

  it('selects by key type: an ES256 token never reaches an RSA key', async () => {
    const jwks = JSON.stringify({
      keys: [
        { ...rsa.publicJwk, kid: 'r' },
        { ...ec.publicJwk, kid: 'e' },
      ],
    });
    const token = await signToken(ec, {}, { header: { kid: 'r' } });
    const error = await verify(token, jwks, ['RS256', 'ES256']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect(error).toMatchObject({ code: 'unknown_key' });
  });

  it('requires a kid when several keys could verify the token, rather than trying each', async () => {
    const jwks = JSON.stringify({
      keys: [
        { ...rsa.publicJwk, kid: 'one' },
        { ...rsa2.publicJwk, kid: 'two' },
      ],
    });
    await expect(verify(await signToken(rsa2, { sub: 'c' }), jwks)).rejects.toMatchObject({ code: 'unknown_key' });
    const single = JSON.stringify({ keys: [{ ...rsa2.publicJwk, kid: 'two' }] });
    await expect(verify(await signToken(rsa2, { sub: 'c' }), single)).resolves.toMatchObject({ principalId: 'c' });
  });

  it('imports each key once, as a KeyObject, and reuses it; WebCrypto is never involved', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const keySource = createInlineKeySource(rsa.publicPem, { algorithms: ['RS256'] });
    const tokens = await Promise.all(Array.from({ length: 10 }, (_, i) => signToken(rsa, { sub: `u${i}` })));
    for (const token of tokens) await verifyToken(token, keySource, { algorithms: ['RS256'] });
    const header = { alg: 'RS256' };
    const first = await keySource.getKey(header, undefined as never);
    expect(first).toBeInstanceOf(KeyObject);
    expect(await keySource.getKey(header, undefined as never)).toBe(first);
    expect(importKey).not.toHaveBeenCalled();
  });

  it('refuses unusable material when it is created, not at the first request', () => {
    expect(() => createInlineKeySource('nope', { algorithms: ['RS256'] })).toThrow(
      expect.objectContaining({ code: 'invalid_key_material' }),
    );
  });
});

describe('createInlineKeySource at its edges', () => {
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
