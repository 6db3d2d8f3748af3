import { generateKeyPairSync, KeyObject, type webcrypto } from 'node:crypto';
import { SUPPORTED_ALGORITHMS } from '@jwt-authorizer/core';
import fc from 'fast-check';
import { createLocalJWKSet, errors, exportJWK, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { createKeySelector } from '../src/create-key-selector.js';
import { importedKeys, parseKeySet } from '../src/parse-key-set.js';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);
const publicJwk = (type: 'rsa' | 'ec' | 'ed25519', namedCurve?: string) =>
  (type === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: namedCurve as string })
      : generateKeyPairSync('ed25519')
  ).publicKey.export({ format: 'jwk' }) as JWK;
const POOL = [publicJwk('rsa'), publicJwk('ec', 'P-256'), publicJwk('ec', 'P-384'), publicJwk('ed25519')];

/** What a selector did: the key material it picked, or which of jose's two errors it threw. */
async function outcome(select: () => unknown): Promise<string> {
  try {
    const key = await select();
    const jwk = key instanceof KeyObject ? key.export({ format: 'jwk' }) : await exportJWK(key as webcrypto.CryptoKey);
    return `key ${jwk.n ?? jwk.x}`;
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey) return 'none';
    if (error instanceof errors.JWKSMultipleMatchingKeys) return 'several';
    return 'picked a key it could not import';
  }
}

const member = fc.record(
  {
    base: fc.constantFrom(...POOL),
    kid: fc.constantFrom('a', 'b', 7),
    alg: fc.constantFrom(...SUPPORTED_ALGORITHMS, 'HS256'),
    use: fc.constantFrom('sig', 'enc'),
    key_ops: fc.constantFrom(['verify'], ['sign'], ['verify', 'verify'], ['verify', 'sign'], 'verify'),
    ext: fc.constantFrom(true, false, 'yes'),
  },
  { requiredKeys: ['base'] },
);

describe('createKeySelector', () => {
  it('selects exactly as jose’s createLocalJWKSet does, for any set and header', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(member, { minLength: 1, maxLength: 4 }),
        fc.record(
          { alg: fc.constantFrom(...SUPPORTED_ALGORITHMS), kid: fc.constantFrom('a', 'b', 7) },
          { requiredKeys: ['alg'] },
        ),
        async (members, header) => {
          const keys = members.map(({ base, ...decoration }) => ({ ...base, ...decoration }) as JWK);
          const ours = await outcome(() => createKeySelector({ keys })(header));
          const jose = await outcome(() => createLocalJWKSet({ keys })(header as never, undefined as never));
          // WebCrypto refuses to import a public key whose key_ops name "sign"; node:crypto takes it. The selection
          // itself is what is compared.
          fc.pre(jose !== 'picked a key it could not import');
          expect(ours).toBe(jose);
        },
      ),
      { numRuns: RUNS },
    );
  });

  const [rsa, p256, p384, ed] = POOL as [JWK, JWK, JWK, JWK];
  it.each<[string, JWK[], { alg: unknown; kid?: unknown }, 'rsa' | 'p256' | 'ed' | 'none' | 'several']>([
    ['a member of the right type', [rsa], { alg: 'RS256' }, 'rsa'],
    ['a member of another type', [rsa], { alg: 'ES256' }, 'none'],
    ['an EC member for an RSA alg', [p256], { alg: 'RS256' }, 'none'],
    ['an EC member on the curve alg names', [p384, p256], { alg: 'ES256' }, 'p256'],
    ['an EC member on another curve', [p384], { alg: 'ES256' }, 'none'],
    ['an OKP member for EdDSA', [p256, ed], { alg: 'EdDSA' }, 'ed'],
    [
      'the member whose kid the token names',
      [
        { ...rsa, kid: 'a' },
        { ...p256, kid: 'b' },
      ],
      { alg: 'RS256', kid: 'a' },
      'rsa',
    ],
    ['no member with the kid the token names', [{ ...rsa, kid: 'b' }], { alg: 'RS256', kid: 'a' }, 'none'],
    [
      'a kid that is not a string, never equal to one',
      [{ ...rsa, kid: 7 } as unknown as JWK],
      { alg: 'RS256', kid: 7 },
      'none',
    ],
    ['a member with no kid, for a token without one', [rsa], { alg: 'RS256' }, 'rsa'],
    ['a member whose alg is the token’s', [{ ...rsa, alg: 'RS256' }], { alg: 'RS256' }, 'rsa'],
    ['a member whose alg is another', [{ ...rsa, alg: 'PS256' }], { alg: 'RS256' }, 'none'],
    ['a member for signatures', [{ ...rsa, use: 'sig' }], { alg: 'RS256' }, 'rsa'],
    ['a member for encryption', [{ ...rsa, use: 'enc' }], { alg: 'RS256' }, 'none'],
    ['a member whose key_ops include verify', [{ ...rsa, key_ops: ['verify'] }], { alg: 'RS256' }, 'rsa'],
    ['a member whose key_ops do not', [{ ...rsa, key_ops: ['encrypt'] }], { alg: 'RS256' }, 'none'],
    ['key_ops written as a string', [{ ...rsa, key_ops: 'verify' } as unknown as JWK], { alg: 'RS256' }, 'none'],
    ['key_ops naming verify twice', [{ ...rsa, key_ops: ['verify', 'verify'] }], { alg: 'RS256' }, 'none'],
    ['key_ops holding a non-string', [{ ...rsa, key_ops: ['verify', 1] } as unknown as JWK], { alg: 'RS256' }, 'none'],
    ['a boolean ext', [{ ...rsa, ext: false }], { alg: 'RS256' }, 'rsa'],
    ['an ext that is not a boolean', [{ ...rsa, ext: 'yes' } as unknown as JWK], { alg: 'RS256' }, 'none'],
    ['two candidates, none tried in turn', [rsa, { ...rsa, kid: 'x' }], { alg: 'RS256' }, 'several'],
  ])('finds %s as jose does', async (_, keys, header, expected) => {
    const want = { rsa, p256, ed, none: undefined, several: undefined }[expected];
    const decided = want === undefined ? expected : `key ${want.n ?? want.x}`;
    expect(await outcome(() => createKeySelector({ keys })(header))).toBe(decided);
    expect(await outcome(() => createLocalJWKSet({ keys })(header as never, undefined as never))).toBe(decided);
  });

  it('returns the same KeyObject on every call, and ignores the kid only when told to', () => {
    const set = { keys: [{ ...POOL[0], kid: 'k1' } as JWK] };
    const select = createKeySelector(set);
    const key = select({ alg: 'RS256', kid: 'k1' });
    expect(key).toBeInstanceOf(KeyObject);
    expect(select({ alg: 'RS256' })).toBe(key);
    expect(() => select({ alg: 'RS256', kid: 'k2' })).toThrow(errors.JWKSNoMatchingKey);
    expect(createKeySelector(set, { ignoreKid: true })({ alg: 'RS256', kid: 'k2' })).toBeInstanceOf(KeyObject);
  });

  it('matches nothing for an alg it does not support, and refuses a member that is not a public key', () => {
    expect(() => createKeySelector({ keys: [POOL[0] as JWK] })({ alg: 'HS256' })).toThrow(errors.JWKSNoMatchingKey);
    expect(() => createKeySelector({ keys: [POOL[0] as JWK] })({ alg: 5 })).toThrow(errors.JWKSNoMatchingKey);
    const offCurve = createKeySelector({ keys: [{ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' }] });
    expect(() => offCurve({ alg: 'ES256' })).toThrow(
      expect.objectContaining({ code: 'invalid_key_material', cause: expect.any(Error) }),
    );
  });
});

describe('createKeySelector over a set parseKeySet made', () => {
  it('serves the very key object parseKeySet checked each member as, rather than importing it again', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const jwks = parseKeySet(pem, { algorithms: ['ES256'] });
    const checked = importedKeys.get(jwks.keys[0] as JWK);
    expect(checked).toBeInstanceOf(KeyObject);
    expect(createKeySelector(jwks)({ alg: 'ES256' })).toBe(checked);
    // A set from anywhere else is imported here, as before.
    const elsewhere = { keys: jwks.keys.map((jwk) => ({ ...jwk })) };
    expect(createKeySelector(elsewhere)({ alg: 'ES256' })).not.toBe(checked);
  });
});

describe('createKeySelector remembering its last selection', () => {
  it('answers the same alg and kid with the same key, and another kid with its own key, in any order', () => {
    const [a, b] = [1, 2].map(() => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey);
    const jwk = (key: KeyObject, kid: string) => ({ ...(key.export({ format: 'jwk' }) as JWK), kid });
    const select = createKeySelector({ keys: [jwk(a as KeyObject, 'a'), jwk(b as KeyObject, 'b')] });
    const first = select({ alg: 'ES256', kid: 'a' });
    expect(select({ alg: 'ES256', kid: 'a' })).toBe(first);
    const other = select({ alg: 'ES256', kid: 'b' });
    expect(other).not.toBe(first);
    expect(select({ alg: 'ES256', kid: 'a' })).toBe(first);
    expect(() => select({ alg: 'ES384', kid: 'a' })).toThrow(errors.JWKSNoMatchingKey); // the alg is part of it
    expect(() => select({ alg: 'ES256', kid: 'c' })).toThrow(errors.JWKSNoMatchingKey);
    expect(select({ alg: 'ES256', kid: 'b' })).toBe(other);
    expect(() => select({})).toThrow(errors.JWKSNoMatchingKey); // what it remembers is a selection, not a default
  });
});
