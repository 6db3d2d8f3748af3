import { generateKeyPairSync } from 'node:crypto';
import type { Algorithm } from '@jwt-authorizer/core';
import { createTestKey, type TestKey } from '@jwt-authorizer/test-fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseKeySet } from '../src/index.js';

let rsa: TestKey;
let ec: TestKey;
beforeAll(async () => {
  [rsa, ec] = await Promise.all([createTestKey('RS256'), createTestKey('ES256')]);
});

function refusal(material: string, algorithms: Algorithm[] = ['RS256']): Error {
  try {
    parseKeySet(material, { algorithms });
  } catch (error) {
    expect(error).toMatchObject({ name: 'KeySourceError', code: 'invalid_key_material' });
    return error as Error;
  }
  throw new Error('expected the material to be refused');
}

const jwks = (...keys: unknown[]) => JSON.stringify({ keys });

describe('parseKeySet at its edges', () => {
  it('names every refused member, by index and kid, and the algorithms it was asked for', () => {
    const message = refusal(
      jwks({ ...ec.publicJwk, kid: 'e1' }, { kty: 'oct', k: 'c2VjcmV0', kid: 's1' }, { ...ec.publicJwk, alg: 'ES256' }),
      ['RS256', 'PS256'],
    ).message;
    expect(message).toBe(
      'no usable verification key for RS256, PS256: key 0 (kid "e1"): a EC P-256 key cannot verify RS256, PS256; ' +
        'key 1 (kid "s1"): symmetric keys are never used; key 2: a EC P-256 key for ES256 cannot verify RS256, PS256',
    );
  });

  it('says so when the set is empty, and keeps the parser error as the cause only where there is one', () => {
    const empty = refusal(jwks());
    expect(empty.message).toBe('no usable verification key for RS256: the set is empty');
    expect(Object.hasOwn(empty, 'cause')).toBe(false);
    const notJson = refusal('{');
    expect(notJson.message).toBe('key material is neither PEM nor JSON');
    expect(notJson.cause).toBeInstanceOf(SyntaxError);
    const badPem = refusal('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----');
    expect(badPem.message).toBe('PEM is not a public key or X.509 certificate');
    expect(badPem.cause).toBeInstanceOf(Error);
  });

  it.each([
    ['a JSON string', '"a string"', 'key material JSON is not a JWK or JWKS object'],
    ['JSON null', 'null', 'key material JSON is not a JWK or JWKS object'],
    ['a JSON array', '[1]', 'key material JSON is not a JWK or JWKS object'],
    ['"keys" not an array', '{"keys":"nope"}', '"keys" is not an array of JWK objects'],
    ['a null member', jwks(null), '"keys" is not an array of JWK objects'],
    ['a string member', jwks('x'), '"keys" is not an array of JWK objects'],
    ['an array member', jwks([1]), '"keys" is not an array of JWK objects'],
  ])('refuses %s as key material, with a KeySourceError', (_, material, message) => {
    expect(refusal(material).message).toBe(message);
  });

  it('refuses a set where only some members are JWK objects', () => {
    expect(refusal(jwks(rsa.publicJwk, 5)).message).toBe('"keys" is not an array of JWK objects');
  });

  it('refuses an oct key even without its "k", and names a key without curve plainly', () => {
    expect(refusal(jwks({ kty: 'oct' })).message).toMatch(/key 0: symmetric keys are never used$/);
    expect(refusal(jwks(rsa.publicJwk), ['ES256']).message).toBe(
      'no usable verification key for ES256: key 0: a RSA key cannot verify ES256',
    );
  });

  it('treats any member carrying "k" as symmetric, whatever its kty', () => {
    expect(refusal(jwks({ ...rsa.publicJwk, k: 'c2VjcmV0' })).message).toMatch(/symmetric keys are never used/);
  });

  it('says which use or key_ops made a key unusable', () => {
    expect(refusal(jwks({ ...rsa.publicJwk, use: 'enc' })).message).toMatch(
      /"use" is "enc", not "sig" \(RFC 7517 §4\.2\)/,
    );
    expect(refusal(jwks({ ...rsa.publicJwk, key_ops: ['sign'] })).message).toMatch(
      /"key_ops" does not include "verify" \(RFC 7517 §4\.3\)/,
    );
  });

  it('binds ECDSA algorithms to their curve: a P-384 key never verifies ES256', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const p384 = publicKey.export({ format: 'jwk' });
    expect(refusal(jwks(p384), ['ES256']).message).toMatch(/a EC P-384 key cannot verify ES256/);
  });

  it('keeps a key whose alg is one of the configured algorithms', () => {
    expect(parseKeySet(jwks({ ...rsa.publicJwk, alg: 'RS256' }), { algorithms: ['RS256'] }).keys).toHaveLength(1);
  });

  it('refuses a JWK that is not a valid public key', () => {
    const offCurve = { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' };
    expect(refusal(jwks(offCurve), ['ES256']).message).toMatch(/key 0: not a valid public JWK/);
  });
});
