import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFloorVerifier } from '../src/floor-verifier.ts';
import { ALGORITHMS, AUDIENCE, createBenchKey, ISSUER, signTokens } from '../src/keys.ts';

// The floor is a fair baseline only if it is a correct verifier: it must refuse what every contestant refuses.
describe.each(ALGORITHMS)('createFloorVerifier(%s)', (alg) => {
  const key = createBenchKey(alg);
  const verifyFloor = createFloorVerifier({
    alg,
    key: createPublicKey(key.publicPem),
    issuer: ISSUER,
    audience: AUDIENCE,
  });
  const signed = (claims = {}, header = {}, by = key) => signTokens(by, 1, 'floor', claims, header)[0] ?? '';
  const [header, , signature] = signed().split('.');
  const forged = Buffer.from(JSON.stringify({ sub: 'admin', iss: ISSUER, aud: AUDIENCE, exp: 4e9 })).toString(
    'base64url',
  );

  it('verifies a valid token, an audience array included', () => {
    expect(verifyFloor(signed())['sub']).toBe('user-floor-0');
    expect(verifyFloor(signed({ aud: ['other', AUDIENCE] }))['sub']).toBe('user-floor-0');
  });

  it.each([
    ['a changed payload', () => `${header}.${forged}.${signature}`, 'bad signature'],
    ['a signature by another key', () => signed({}, {}, createBenchKey(alg)), 'bad signature'],
    ['alg none', () => signed({}, { alg: 'none' }), 'alg not allowed'],
    ['alg HS256', () => signed({}, { alg: 'HS256' }), 'alg not allowed'],
    ['another asymmetric alg', () => signed({}, { alg: alg === 'RS256' ? 'PS256' : 'RS256' }), 'alg not allowed'],
    ['an expired token', () => signed({ exp: Math.floor(Date.now() / 1000) - 1 }), 'expired'],
    ['no exp', () => signed({ exp: undefined }), 'expired'],
    ['another issuer', () => signed({ iss: 'https://other.example' }), 'wrong issuer'],
    ['another audience', () => signed({ aud: 'other' }), 'wrong audience'],
    ['two parts', () => 'a.b', 'malformed token'],
  ])('refuses %s', (_, token, reason) => {
    expect(() => verifyFloor(token())).toThrow(reason);
  });
});
