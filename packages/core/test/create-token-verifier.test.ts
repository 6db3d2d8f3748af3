import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { createTestKey, signToken, type TestKey } from '@jwt-authorizer/test-fixtures';
import { createLocalJWKSet, type JWK } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier, type KeySource } from '../src/index.js';

let key: TestKey;
let other: TestKey;
beforeAll(async () => {
  [key, other] = await Promise.all([createTestKey('ES256'), createTestKey('ES256')]);
});
afterEach(() => {
  vi.useRealTimers();
});

/** A key source whose key set can be replaced, counting how often it is asked. */
function switchableSource(jwk: JWK) {
  let select = createLocalJWKSet({ keys: [jwk] });
  const source = {
    calls: 0,
    replace(next: JWK) {
      select = createLocalJWKSet({ keys: [next] });
    },
    getKey: ((header, token) => {
      source.calls += 1;
      return select(header, token);
    }) as KeySource['getKey'],
  };
  return source;
}
const algorithms = ['ES256'] as const;
/** A token is remembered from its second verification on: verifies it twice, returning the remembered result. */
async function remembered(verify: (token: string) => Promise<unknown>, token: string) {
  await verify(token);
  return verify(token);
}

describe('createTokenVerifier', () => {
  it('returns the remembered verification for the same token while its key is unchanged', async () => {
    const source = switchableSource(key.publicJwk);
    const verify = createTokenVerifier(source, { algorithms });
    const token = await signToken(key);
    const first = await remembered(verify, token);
    const second = await verify(token);
    expect(second).toBe(first);
    expect(source.calls).toBe(3); // the key is looked up on every hit
    expect(await verify(await signToken(key))).not.toBe(first);
  });

  it('remembers a token from its second verification on, so tokens seen once never churn the cache', async () => {
    const source = switchableSource(key.publicJwk);
    const verify = createTokenVerifier(source, { algorithms, cacheSize: 1 });
    const [kept, once] = (await Promise.all([signToken(key), signToken(key, { sub: 'once' })])) as [string, string];
    const first = await remembered(verify, kept);
    await verify(once); // seen once: not admitted, so it does not evict the remembered token
    expect([verify.remembers(once), verify.remembers(kept)]).toEqual([false, true]);
    expect(await verify(kept)).toBe(first);
    const a = await verify(once); // its second verification: admitted, evicting the other
    expect([verify.remembers(once), verify.remembers(kept)]).toEqual([true, false]);
    expect(await verify(once)).toBe(a);
    expect(await verify(kept)).not.toBe(first);
  });

  it('verifies again when the key source returns another key, and refuses the token if that key does not verify it', async () => {
    const source = switchableSource(key.publicJwk);
    const verify = createTokenVerifier(source, { algorithms });
    const token = await signToken(key);
    await remembered(verify, token);
    source.replace(other.publicJwk);
    await expect(verify(token)).rejects.toMatchObject({ code: 'bad_signature' });
  });

  it('never serves an entry past the token exp', async () => {
    const source = switchableSource(key.publicJwk);
    const verify = createTokenVerifier(source, { algorithms, clockToleranceSeconds: 0 });
    const token = await signToken(key, { exp: Math.floor(Date.now() / 1000) + 60 });
    await remembered(verify, token);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    await expect(verify(token)).rejects.toMatchObject({ code: 'expired' });
  });

  it('does not remember refusals, and keeps at most cacheSize entries', async () => {
    const source = switchableSource(key.publicJwk);
    const verify = createTokenVerifier(source, { algorithms, cacheSize: 2 });
    const [a, b, c] = await Promise.all([signToken(key), signToken(key, { sub: 'b' }), signToken(key, { sub: 'c' })]);
    const refused = await signToken(key, { exp: 1 });
    for (const _ of [1, 2, 3]) await expect(verify(refused)).rejects.toMatchObject({ code: 'expired' });
    const first = await remembered(verify, a as string);
    await remembered(verify, b as string);
    await remembered(verify, c as string); // evicts a, the least recently used
    expect(await verify(a as string)).not.toBe(first);
    const disabled = createTokenVerifier(source, { algorithms, cacheSize: 0 });
    const once = await remembered(disabled, a as string);
    expect(await disabled(a as string)).not.toBe(once);
  });

  it('applies every option of verifyToken', async () => {
    const source = switchableSource(key.publicJwk);
    const verify = createTokenVerifier(source, { algorithms, issuer: ['https://idp.example/'] });
    await expect(verify(await signToken(key, { iss: 'https://evil.example/' }))).rejects.toMatchObject({
      code: 'wrong_issuer',
    });
  });

  it('applies the default clock tolerance on a hit', async () => {
    const source = switchableSource(key.publicJwk);
    const verify = createTokenVerifier(source, { algorithms });
    const token = await signToken(key, { exp: Math.floor(Date.now() / 1000) + 5 });
    const first = await remembered(verify, token);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 20_000); // past exp, inside the 30 s tolerance: still the remembered result
    expect(await verify(token)).toBe(first);
    vi.setSystemTime(Date.now() + 20_000); // past exp + 30 s
    await expect(verify(token)).rejects.toMatchObject({ code: 'expired' });
  });

  it('stops serving an entry at exactly exp when there is no tolerance', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T00:00:00Z'));
    const source = switchableSource(key.publicJwk);
    const verify = createTokenVerifier(source, { algorithms, clockToleranceSeconds: 0 });
    const exp = Math.floor(Date.now() / 1000) + 60;
    const token = await signToken(key, { exp });
    const first = await remembered(verify, token);
    vi.setSystemTime((exp - 1) * 1000);
    expect(await verify(token)).toBe(first);
    vi.setSystemTime(exp * 1000);
    await expect(verify(token)).rejects.toMatchObject({ code: 'expired' });
  });

  it('evicts the least recently used entry, a hit counting as a use', async () => {
    const source = switchableSource(key.publicJwk);
    const verify = createTokenVerifier(source, { algorithms, cacheSize: 2 });
    const [a, b, c] = (await Promise.all([
      signToken(key),
      signToken(key, { sub: 'b' }),
      signToken(key, { sub: 'c' }),
    ])) as [string, string, string];
    const first = await remembered(verify, a);
    const second = await remembered(verify, b);
    expect(await verify(a)).toBe(first); // a is now the most recently used
    await remembered(verify, c); // evicts b
    expect(await verify(a)).toBe(first);
    expect(await verify(b)).not.toBe(second);
  });

  it('keeps exactly cacheSize entries', async () => {
    const source = switchableSource(key.publicJwk);
    const verify = createTokenVerifier(source, { algorithms, cacheSize: 2 });
    const [a, b] = (await Promise.all([signToken(key), signToken(key, { sub: 'b' })])) as [string, string];
    const first = await remembered(verify, a);
    const second = await remembered(verify, b);
    expect(await verify(a)).toBe(first);
    expect(await verify(b)).toBe(second);
  });

  it('never serves a remembered entry to another token that ends as it does', async () => {
    const source = switchableSource(key.publicJwk);
    const verify = createTokenVerifier(source, { algorithms });
    const token = await signToken(key);
    await remembered(verify, token);
    // The same signature (so the same last characters, by which an entry is found) under another payload.
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from('{"sub":"mallory"}').toString('base64url')}.${signature}`;
    expect(verify.remembers(forged)).toBe(false);
    await expect(verify(forged)).rejects.toMatchObject({ code: 'bad_signature' });
    expect(verify.remembers(token)).toBe(true);
  });

  it('checks a hit against a key source that answers synchronously, as against one that answers with a promise', async () => {
    const keys = { current: createPublicKey({ key: key.publicJwk as JsonWebKey, format: 'jwk' }) };
    let failure: Error | undefined;
    const source: KeySource = {
      getKey: () => {
        if (failure) throw failure;
        return keys.current;
      },
    };
    const verify = createTokenVerifier(source, { algorithms });
    const token = await signToken(key);
    const first = await remembered(verify, token);
    expect(await verify(token)).toBe(first);
    keys.current = createPublicKey({ key: key.publicJwk as JsonWebKey, format: 'jwk' }); // another object
    const again = await verify(token);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    const readmitted = await remembered(verify, token);
    failure = new Error('key store down'); // thrown, not rejected, on the next hit
    await expect(verify(token)).rejects.toBe(failure);
    expect(readmitted).not.toBe(first);
  });

  it('verifies again, and fails as the source fails, when the source fails on a hit', async () => {
    const failure = new Error('key store down');
    let failing = false;
    const select = createLocalJWKSet({ keys: [key.publicJwk] });
    const source: KeySource = {
      getKey: (header, token) => (failing ? Promise.reject(failure) : select(header, token)),
    };
    const verify = createTokenVerifier(source, { algorithms });
    const token = await signToken(key);
    await remembered(verify, token);
    failing = true;
    await expect(verify(token)).rejects.toBe(failure);
  });

  it('stops serving an entry once the token is older than maxTokenAgeSeconds, as the full check would', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T00:00:00Z'));
    const source = switchableSource(key.publicJwk);
    const verify = createTokenVerifier(source, { algorithms, maxTokenAgeSeconds: 600, clockToleranceSeconds: 10 });
    const iat = Math.floor(Date.now() / 1000);
    const token = await signToken(key, { iat, exp: iat + 3600 });
    const first = await remembered(verify, token);
    vi.setSystemTime((iat + 610) * 1000); // the maximum plus the tolerance: still young enough
    expect(await verify(token)).toBe(first);
    vi.setSystemTime((iat + 611) * 1000);
    await expect(verify(token)).rejects.toMatchObject({ code: 'token_too_old' });
  });

  it('compiles its options once: changing the arrays it was given later changes nothing', async () => {
    const source = switchableSource(key.publicJwk);
    const audience = ['api'];
    const claimValues: Record<string, string[]> = { tier: ['gold'] };
    const verify = createTokenVerifier(source, { algorithms, audience, claimValues, cacheSize: 0 });
    audience.push('other');
    claimValues['tier']?.push('silver');
    await expect(verify(await signToken(key, { aud: 'other', tier: 'gold' }))).rejects.toMatchObject({
      code: 'wrong_audience',
    });
    await expect(verify(await signToken(key, { aud: 'api', tier: 'silver' }))).rejects.toMatchObject({
      code: 'claim_value_not_accepted',
    });
  });

  it('refuses options that cannot work when it is created, not on the first request', () => {
    expect(() => createTokenVerifier(switchableSource(key.publicJwk), { algorithms, claimValues: { a: [] } })).toThrow(
      TypeError,
    );
  });
});
