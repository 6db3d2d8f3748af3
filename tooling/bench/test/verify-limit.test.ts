import { createPublicKey, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BENCH_ALGORITHMS,
  BENCH_AUDIENCE,
  BENCH_ISSUER,
  createBenchKey,
  signBenchTokens,
} from '../src/create-bench-key.ts';
import { createLimitVerifier, p1363ToDer } from '../src/verify-limit.ts';

// The limit is only a fair floor if it is a correct verifier: it must refuse what every contestant refuses.
describe('createLimitVerifier', () => {
  for (const alg of BENCH_ALGORITHMS) {
    const key = createBenchKey(alg);
    const variants =
      alg === 'RS256'
        ? (['bare', 'options-object'] as const)
        : alg === 'ES256'
          ? (['bare', 'ieee-p1363'] as const)
          : (['bare'] as const);
    for (const variant of variants) {
      const verifyLimit = createLimitVerifier({
        alg,
        key: createPublicKey(key.publicPem),
        issuer: BENCH_ISSUER,
        audience: BENCH_AUDIENCE,
        variant,
      });
      const [token = ''] = signBenchTokens(key, 1);
      const [header, , signature = ''] = token.split('.');

      it(`verifies a valid ${alg} token (${variant})`, () => {
        expect(verifyLimit(token).sub).toBe('user-t-0');
      });

      it(`refuses a ${alg} token whose payload was changed (${variant})`, () => {
        const forged = Buffer.from(JSON.stringify({ sub: 'admin', iss: BENCH_ISSUER, aud: BENCH_AUDIENCE, exp: 4e9 }));
        expect(() => verifyLimit(`${header}.${forged.toString('base64url')}.${signature}`)).toThrow('bad signature');
      });
    }
  }

  it('refuses expired tokens, wrong issuers and audiences, and other algorithms', () => {
    const key = createBenchKey('ES256');
    const verifyLimit = createLimitVerifier({
      alg: 'ES256',
      key: createPublicKey(key.publicPem),
      issuer: BENCH_ISSUER,
      audience: BENCH_AUDIENCE,
    });
    const signed = (claims: Record<string, unknown>, alg = 'ES256') => {
      const input = `${Buffer.from(JSON.stringify({ alg })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      const signature = sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
      return `${input}.${signature.toString('base64url')}`;
    };
    const valid = { sub: 'a', iss: BENCH_ISSUER, aud: BENCH_AUDIENCE, exp: Date.now() / 1000 + 60 };
    expect(verifyLimit(signed(valid)).sub).toBe('a');
    expect(() => verifyLimit(signed({ ...valid, exp: Date.now() / 1000 - 60 }))).toThrow('expired');
    expect(() => verifyLimit(signed({ ...valid, nbf: Date.now() / 1000 + 60 }))).toThrow('not yet valid');
    expect(() => verifyLimit(signed({ ...valid, iss: 'https://other' }))).toThrow('wrong issuer');
    expect(() => verifyLimit(signed({ ...valid, aud: ['x', BENCH_AUDIENCE] })).sub).not.toThrow();
    expect(() => verifyLimit(signed({ ...valid, aud: 'other' }))).toThrow('wrong audience');
    expect(() => verifyLimit(signed(valid, 'ES384'))).toThrow('alg not allowed');
  });
});

describe('p1363ToDer', () => {
  it('turns every r||s signature into the DER OpenSSL verifies, leading zero bytes and high bits included', () => {
    const key = createBenchKey('ES256');
    const publicKey = createPublicKey(key.publicPem);
    // 1,000 signatures: r or s start with 0x00 in about 8 of them, with the high bit set in half of them.
    // OpenSSL refuses non-canonical DER, so every verification passing proves the encoding exact.
    for (let index = 0; index < 1000; index += 1) {
      const data = Buffer.from(`message ${index}`);
      const raw = sign('sha256', data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
      expect(verify('sha256', data, publicKey, p1363ToDer(raw))).toBe(true);
    }
  });

  it('refuses a signature of the wrong length', () => {
    expect(() => p1363ToDer(Buffer.alloc(63))).toThrow('bad signature length');
  });
});
