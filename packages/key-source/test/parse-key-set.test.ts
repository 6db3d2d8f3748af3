import { createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { type Algorithm, KeySourceError } from '@jwt-authorizer/core';
import {
  createRocaKey,
  createRsaKeyWithExponent,
  createTestKey,
  createWeakRsaPublicKey,
  SEED_PUBLIC_KEY,
  type TestKey,
  thrownBy,
} from '@jwt-authorizer/test-fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseKeySet } from '../src/index.js';
import { TEST_CERTIFICATE } from './certificate.js';

let rsa: TestKey;
let ec: TestKey;
let ed: TestKey;
let weak: ReturnType<typeof createWeakRsaPublicKey>;
beforeAll(async () => {
  [rsa, ec, ed] = await Promise.all([createTestKey('RS256'), createTestKey('ES256'), createTestKey('EdDSA')]);
  weak = createWeakRsaPublicKey();
});

function refusal(material: string, algorithms: Parameters<typeof parseKeySet>[1]['algorithms'] = ['RS256']): string {
  const error = thrownBy(() => parseKeySet(material, { algorithms }), KeySourceError);
  expect(error.code).toBe('invalid_key_material');
  return error.message;
}

describe('parseKeySet', () => {
  it('reads an SPKI PEM', () => {
    const { keys } = parseKeySet(SEED_PUBLIC_KEY, { algorithms: ['RS256'] });
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', e: 'AQAB' });
  });

  it('reads a PEM pasted with literal \\n escapes on one line', () => {
    const oneLine = SEED_PUBLIC_KEY.replaceAll('\n', '\\n');
    expect(parseKeySet(oneLine, { algorithms: ['RS256'] })).toEqual(
      parseKeySet(SEED_PUBLIC_KEY, { algorithms: ['RS256'] }),
    );
  });

  it('reads a PEM with Windows line ends and surrounding blanks', () => {
    expect(
      parseKeySet(`\n ${SEED_PUBLIC_KEY.replaceAll('\n', '\r\n')} \n`, { algorithms: ['RS256'] }).keys,
    ).toHaveLength(1);
  });

  it('reads a PKCS#1 RSA PEM', () => {
    const pkcs1 = createPublicKey(SEED_PUBLIC_KEY).export({ format: 'pem', type: 'pkcs1' }).toString();
    expect(pkcs1).toContain('BEGIN RSA PUBLIC KEY');
    expect(parseKeySet(pkcs1, { algorithms: ['RS256'] })).toEqual(
      parseKeySet(SEED_PUBLIC_KEY, { algorithms: ['RS256'] }),
    );
  });

  it('reads the public key of an X.509 certificate', () => {
    const { keys } = parseKeySet(TEST_CERTIFICATE, { algorithms: ['RS256'] });
    const expected = new X509Certificate(TEST_CERTIFICATE).publicKey.export({ format: 'jwk' });
    expect(keys).toEqual([expected]);
  });

  it('reads a JWK and a JWKS', () => {
    expect(parseKeySet(JSON.stringify(ec.publicJwk), { algorithms: ['ES256'] }).keys).toEqual([ec.publicJwk]);
    const jwks = {
      keys: [
        { ...rsa.publicJwk, kid: 'r' },
        { ...ed.publicJwk, kid: 'e' },
      ],
    };
    expect(parseKeySet(JSON.stringify(jwks), { algorithms: ['RS256', 'EdDSA'] }).keys).toEqual(jwks.keys);
  });

  it('leaves out members that cannot verify a configured algorithm, keeping the rest', () => {
    const jwks = {
      keys: [
        { ...rsa.publicJwk, kid: 'enc', use: 'enc' },
        { kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' },
        { ...rsa.publicJwk, kid: 'wrap', key_ops: ['wrapKey'] },
        { ...ec.publicJwk, kid: 'ec' },
        { ...weak.publicJwk, kid: 'weak' },
        { ...rsa.publicJwk, kid: 'ps', alg: 'PS256' },
        { ...rsa.publicJwk, kid: 'good', use: 'sig', key_ops: ['verify'] },
      ],
    };
    expect(parseKeySet(JSON.stringify(jwks), { algorithms: ['RS256'] }).keys.map((k) => k.kid)).toEqual(['good']);
  });

  it('refuses a set with any private member, whole', () => {
    const jwks = { keys: [rsa.publicJwk, { ...rsa.publicJwk, d: 'AAAA' }] };
    expect(refusal(JSON.stringify(jwks))).toContain('"d"');
  });

  it('refuses private key PEMs', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';
    expect(refusal(pem)).toContain('private key');
    expect(refusal(pem.replaceAll('PRIVATE KEY', 'RSA PRIVATE KEY'))).toContain('private key');
  });

  it('refuses RSA keys shorter than 2048 bits', () => {
    expect(refusal(weak.publicPem)).toContain('1024 bits');
  });

  it('refuses a key whose type cannot verify the configured algorithms', () => {
    expect(refusal(ec.publicPem, ['RS256'])).toContain('cannot verify RS256');
    expect(refusal(JSON.stringify(rsa.publicJwk), ['ES256'])).toContain('cannot verify ES256');
  });

  it.each([
    ['garbage', 'not a key'],
    ['a truncated PEM', SEED_PUBLIC_KEY.slice(0, 100)],
    ['JSON that is no key', '[1,2]'],
    ['an empty set', '{"keys":[]}'],
    ['keys that are not objects', '{"keys":[1]}'],
    ['a JWK with a broken modulus', JSON.stringify({ kty: 'RSA', n: '!!', e: 'AQAB' })],
    ['a symmetric JWK', JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' })],
  ])('refuses %s', (_, material) => {
    refusal(material);
  });

  it('never quotes the key material in its messages', () => {
    expect(refusal(weak.publicPem)).not.toContain(weak.publicPem.split('\n')[1]);
  });
});

describe('parseKeySet at its edges', () => {
  function refusedWith(material: string, algorithms: Algorithm[] = ['RS256']): Error {
    try {
      parseKeySet(material, { algorithms });
    } catch (error) {
      expect(error).toMatchObject({ name: 'KeySourceError', code: 'invalid_key_material' });
      return error as Error;
    }
    throw new Error('expected the material to be refused');
  }

  const jwks = (...keys: unknown[]) => JSON.stringify({ keys });

  it('names every refused member, by index and kid, and the algorithms it was asked for', () => {
    const message = refusedWith(
      jwks({ ...ec.publicJwk, kid: 'e1' }, { kty: 'oct', k: 'c2VjcmV0', kid: 's1' }, { ...ec.publicJwk, alg: 'ES256' }),
      ['RS256', 'PS256'],
    ).message;
    expect(message).toBe(
      'no usable verification key for RS256, PS256: key 0 (kid "e1"): a EC P-256 key cannot verify RS256, PS256; ' +
        'key 1 (kid "s1"): symmetric keys are never used; key 2: a EC P-256 key for ES256 cannot verify RS256, PS256',
    );
  });

  it('says so when the set is empty, and keeps the parser error as the cause only where there is one', () => {
    const empty = refusedWith(jwks());
    expect(empty.message).toBe('no usable verification key for RS256: the set is empty');
    expect(Object.hasOwn(empty, 'cause')).toBe(false);
    const notJson = refusedWith('{');
    expect(notJson.message).toBe('key material is neither PEM nor JSON');
    expect(notJson.cause).toBeInstanceOf(SyntaxError);
    const badPem = refusedWith('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----');
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
    expect(refusedWith(material).message).toBe(message);
  });

  it('refuses a set where only some members are JWK objects', () => {
    expect(refusedWith(jwks(rsa.publicJwk, 5)).message).toBe('"keys" is not an array of JWK objects');
  });

  it('refuses an oct key even without its "k", and names a key without curve plainly', () => {
    expect(refusedWith(jwks({ kty: 'oct' })).message).toMatch(/key 0: symmetric keys are never used$/);
    expect(refusedWith(jwks(rsa.publicJwk), ['ES256']).message).toBe(
      'no usable verification key for ES256: key 0: a RSA key cannot verify ES256',
    );
  });

  it('treats any member carrying "k" as symmetric, whatever its kty', () => {
    expect(refusedWith(jwks({ ...rsa.publicJwk, k: 'c2VjcmV0' })).message).toMatch(/symmetric keys are never used/);
  });

  it('says which use or key_ops made a key unusable', () => {
    expect(refusedWith(jwks({ ...rsa.publicJwk, use: 'enc' })).message).toMatch(
      /"use" is "enc", not "sig" \(RFC 7517 §4\.2\)/,
    );
    expect(refusedWith(jwks({ ...rsa.publicJwk, key_ops: ['sign'] })).message).toMatch(
      /"key_ops" does not include "verify" \(RFC 7517 §4\.3\)/,
    );
  });

  it('binds ECDSA algorithms to their curve: a P-384 key never verifies ES256', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const p384 = publicKey.export({ format: 'jwk' });
    expect(refusedWith(jwks(p384), ['ES256']).message).toMatch(/a EC P-384 key cannot verify ES256/);
  });

  it('keeps a key whose alg is one of the configured algorithms', () => {
    expect(parseKeySet(jwks({ ...rsa.publicJwk, alg: 'RS256' }), { algorithms: ['RS256'] }).keys).toHaveLength(1);
  });

  it('refuses a JWK that is not a valid public key', () => {
    const offCurve = { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' };
    expect(refusedWith(jwks(offCurve), ['ES256']).message).toMatch(/key 0: not a valid public JWK/);
  });
});

describe('parseKeySet and RSA keys that must never verify', () => {
  const exponentOne = createRsaKeyWithExponent(1n);
  const evenExponent = createRsaKeyWithExponent(65538n);
  const roca = createRocaKey();

  it('refuses a key with e = 1, an even e, or a ROCA modulus, saying which check failed', () => {
    expect(refusal(exponentOne.publicPem)).toMatch(/its public exponent is 1: below 3, anyone can forge/);
    expect(refusal(JSON.stringify(evenExponent.publicJwk))).toMatch(/its public exponent is even/);
    expect(refusal(roca.publicPem)).toMatch(/its modulus has the ROCA fingerprint \(CVE-2017-15361\)/);
  });

  it('keeps the good keys of a set, reporting each one it left out', () => {
    const leftOut: string[] = [];
    const set = JSON.stringify({
      keys: [
        { ...exponentOne.publicJwk, kid: 'e1' },
        { ...roca.publicJwk, kid: 'roca' },
        { ...rsa.publicJwk, kid: 'good' },
      ],
    });
    const { keys } = parseKeySet(set, { algorithms: ['RS256'], onLeftOut: (reason) => leftOut.push(reason) });
    expect(keys.map((key) => key.kid)).toEqual(['good']);
    expect(leftOut).toEqual([
      expect.stringMatching(/^key 0 \(kid "e1"\): its public exponent is 1/),
      expect.stringMatching(/^key 1 \(kid "roca"\): its modulus has the ROCA fingerprint/),
    ]);
  });

  it('tells a member published for something else (routine) from one worth asking its publisher about', () => {
    const leftOut: Array<[string, boolean]> = [];
    const set = JSON.stringify({
      keys: [
        { ...rsa.publicJwk, kid: 'good' },
        { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA', kid: 'other-algorithm' },
        { ...rsa.publicJwk, use: 'enc', kid: 'encryption' },
        { ...rsa.publicJwk, key_ops: ['encrypt'], kid: 'no-verify' },
        { ...rsa.publicJwk, alg: 'RS512', kid: 'other-alg' },
        { kty: 'oct', k: 'c2VjcmV0', kid: 'symmetric' },
        { kty: 'RSA', n: 'AQAB', kid: 'broken' },
        { ...exponentOne.publicJwk, kid: 'weak' },
      ],
    });
    const onLeftOut = (reason: string, routine: boolean) => leftOut.push([reason, routine]);
    expect(parseKeySet(set, { algorithms: ['RS256'], onLeftOut }).keys.map((key) => key.kid)).toEqual(['good']);
    expect(leftOut).toEqual([
      ['key 1 (kid "other-algorithm"): a EC P-256 key cannot verify RS256', true],
      ['key 2 (kid "encryption"): "use" is "enc", not "sig" (RFC 7517 §4.2)', true],
      ['key 3 (kid "no-verify"): "key_ops" does not include "verify" (RFC 7517 §4.3)', true],
      ['key 4 (kid "other-alg"): a RSA key for RS512 cannot verify RS256', true],
      ['key 5 (kid "symmetric"): symmetric keys are never used', false],
      ['key 6 (kid "broken"): not a valid public JWK', false],
      [expect.stringMatching(/^key 7 \(kid "weak"\): its public exponent is 1/), false],
    ]);
  });
});

describe('parseKeySet and RSASSA-PSS-typed keys (id-RSASSA-PSS)', () => {
  const pssPem = (options: Parameters<typeof generateKeyPairSync>[1] = {}) =>
    generateKeyPairSync('rsa-pss', { modulusLength: 2048, ...options })
      .publicKey.export({ format: 'pem', type: 'spki' })
      .toString();
  const restricted = (hash: string, saltLength: number, mgf1 = hash) =>
    pssPem({ hashAlgorithm: hash, mgf1HashAlgorithm: mgf1, saltLength });

  it('verifies an unrestricted one with every configured PS algorithm, and never with RS*', () => {
    const { keys } = parseKeySet(pssPem(), { algorithms: ['RS256', 'PS256', 'PS512'] });
    expect(keys.map((key) => [key.kty, key.alg])).toEqual([
      ['RSA', 'PS256'],
      ['RSA', 'PS512'],
    ]);
    expect(new Set(keys.map((key) => key.n)).size).toBe(1);
  });

  it('honours its parameters: only the PS algorithm they describe, a shorter minimum salt included', () => {
    expect(parseKeySet(restricted('sha384', 48), { algorithms: ['PS256', 'PS384'] }).keys.map((k) => k.alg)).toEqual([
      'PS384',
    ]);
    expect(parseKeySet(restricted('sha256', 20), { algorithms: ['PS256'] }).keys.map((k) => k.alg)).toEqual(['PS256']);
  });

  it('refuses one that verifies none of the configured algorithms, or none of RFC 7518, saying why', () => {
    expect(refusal(pssPem(), ['RS256'])).toMatch(
      /RSASSA-PSS key \(unrestricted\) that verifies PS256, PS384, PS512, none of RS256/,
    );
    expect(refusal(restricted('sha256', 32), ['PS384'])).toMatch(
      /\(sha256, MGF1 sha256, salt 32 bytes\) that verifies PS256/,
    );
    expect(refusal(restricted('sha256', 64), ['PS256'])).toMatch(/that verifies no JOSE algorithm/);
    expect(refusal(restricted('sha256', 32, 'sha512'), ['PS256'])).toMatch(/MGF1 sha512.*no JOSE algorithm/);
  });

  it('applies the RSA checks to it as to any RSA key', () => {
    const small = generateKeyPairSync('rsa-pss', { modulusLength: 1024 }).publicKey.export({
      format: 'pem',
      type: 'spki',
    });
    expect(refusal(small.toString(), ['PS256'])).toMatch(/RSA key of 1024 bits/);
  });
});
