import { startTrapServer } from '@jwt-authorizer/test-fixtures';
import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { buildContext } from '../../src/build-context.js';
import { TokenError } from '../../src/errors.js';
import { extractBearerToken } from '../../src/extract-bearer-token.js';
import type { KeySource } from '../../src/key-source.js';
import { type VerifyTokenOptions, verifyToken } from '../../src/verify-token.js';
import { createConformanceSuite } from './attack-tokens.js';

// `jku`, `x5u` and some `kid`s point at this server; it must never be asked.
const trap = await startTrapServer();
afterAll(() => trap.close());

const suite = createConformanceSuite(trap.url);
// The set as the inline key source serves it (packages/key-source parseKeySet): the 1024-bit member left out.
const published = JSON.parse(suite.jwks) as JSONWebKeySet;
const keySource: KeySource = {
  getKey: createLocalJWKSet({ keys: published.keys.filter((jwk) => jwk.kid !== 'weak-1') }),
};
const options: VerifyTokenOptions = {
  algorithms: suite.algorithms,
  issuer: [suite.issuer],
  audience: [suite.audience],
};

/** What core says of `token`: its principal, or the reason code of its refusal. */
async function decide(token: string, keys: KeySource = keySource): Promise<string> {
  try {
    return `accepted as ${(await verifyToken(extractBearerToken(`Bearer ${token}`), keys, options)).principalId}`;
  } catch (error) {
    if (error instanceof TokenError) return error.code;
    throw error;
  }
}

describe('conformance: attack tokens against core (extractBearerToken + verifyToken)', () => {
  it.each(suite.attacks)('refuses $name: $expected', async ({ token, expected }) => {
    expect(await decide(token)).toBe(expected);
  });

  it('accepts the untouched tokens the attacks were made from (the suite tests attacks, not a broken setup)', async () => {
    expect(await decide(suite.controls.rs256)).toBe('accepted as user-1');
    expect(await decide(suite.controls.es256)).toBe('accepted as user-1');
  });

  it('never connects to the server that jku / x5u / kid point at', () => {
    expect(trap.connections).toBe(0);
  });

  it('refuses a token naming a 1024-bit RSA key even when a key source hands that key over', async () => {
    // Defence in depth: parseKeySet drops such keys, and jose refuses to verify with one if a custom source does not.
    // That refusal is not a TokenError: the key source is at fault (500), never an Allow.
    const everything: KeySource = { getKey: createLocalJWKSet(published) };
    const weak = suite.attacks.find((attack) => attack.name.startsWith('RSA 1024-bit key listed'));
    await expect(decide(weak?.token ?? '', everything)).rejects.toThrow(/2048 bits/);
  });
});

describe('conformance: hostile claims in valid tokens', () => {
  it.each(suite.hostileClaims)(
    'accepts $name with a flat, bounded context and no prototype pollution',
    async ({ token }) => {
      const { claims } = await verifyToken(extractBearerToken(`Bearer ${token}`), keySource, options);
      const { context } = buildContext(claims);
      for (const value of Object.values(context)) expect(['string', 'number', 'boolean']).toContain(typeof value);
      expect(Buffer.byteLength(JSON.stringify(context))).toBeLessThanOrEqual(4096);
      expect(Object.keys(context)).not.toContain('__proto__');
      expect(Object.keys(context)).not.toContain('constructor');
      expect(Object.getPrototypeOf(context)).toBeNull();
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    },
  );
});
