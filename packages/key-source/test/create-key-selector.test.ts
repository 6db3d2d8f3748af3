import { generateKeyPairSync, KeyObject, type webcrypto } from 'node:crypto';
import { SUPPORTED_ALGORITHMS } from '@jwt-authorizer/core';
import fc from 'fast-check';
import { createLocalJWKSet, errors, exportJWK, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { createKeySelector } from '../src/create-key-selector.js';

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
    const offCurve = createKeySelector({ keys: [{ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' }] });
    expect(() => offCurve({ alg: 'ES256' })).toThrow(expect.objectContaining({ code: 'invalid_key_material' }));
  });
});
