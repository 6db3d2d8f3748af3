import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createTestKey,
  type JwksServer,
  METHOD_ARN,
  type SsmServer,
  signToken,
  startJwksServer,
  startSsmServer,
  type TestKey,
} from '@jwt-authorizer/test-fixtures';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { invokeBuiltAsync } from './support/built-handler.js';

// The built bundle with each of the three key sources, against real servers on loopback: the SDK client is the
// real one (no mock), pointed at a local SSM endpoint with AWS_ENDPOINT_URL_SSM.
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const tokenEvent = (token: string) => ({ type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn: METHOD_ARN });

let key: TestKey;
let jwks: JwksServer | undefined;
let ssm: SsmServer | undefined;
beforeAll(async () => {
  key = await createTestKey('RS256');
});
afterEach(async () => {
  await jwks?.close();
  await ssm?.close();
  jwks = undefined;
  ssm = undefined;
});

describe('the built authorizer with JWKS_URI', () => {
  it('fetches once for 50 warm invocations, and at most once more for a burst of unknown kids', async () => {
    jwks = await startJwksServer({ keys: [{ ...key.publicJwk, kid: 'k1' }] });
    const good = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signToken(key, { sub: `u${i}` }, { header: { kid: 'k1' } })),
    );
    const unknown = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signToken(key, {}, { header: { kid: `x${i}` } })),
    );
    const { results, logs } = await invokeBuiltAsync(
      { JWKS_URI: jwks.url.href },
      [...good, ...unknown].map(tokenEvent),
    );
    expect(results.slice(0, 50).map((r) => (r.response as { principalId: string }).principalId)).toEqual(
      good.map((_, i) => `u${i}`),
    );
    expect(results.slice(50).every((r) => r.error?.message === 'Unauthorized')).toBe(true);
    expect(jwks.count).toBe(1); // the unknown kids arrive within the cooldown of the first fetch
    expect(logs).toContainEqual(expect.objectContaining({ message: 'keys fetched', source: 'jwks' }));
  });

  it('answers 500, never Allow, when the identity provider is down at a cold start', async () => {
    jwks = await startJwksServer({ keys: [{ ...key.publicJwk, kid: 'k1' }] });
    jwks.setMode({ kind: 'down' });
    const token = await signToken(key, {}, { header: { kid: 'k1' } });
    const { results, logs } = await invokeBuiltAsync({ JWKS_URI: jwks.url.href }, [
      tokenEvent(token),
      tokenEvent(token),
    ]);
    for (const result of results) expect(result.error).toMatchObject({ name: 'KeySourceError' });
    expect(jwks.count).toBe(1); // the second invocation is inside the back-off
    expect(logs.filter((line) => line['outcome'])).toMatchObject([
      { outcome: 'error', reason: 'key_source_unavailable' },
      { outcome: 'error', reason: 'key_source_unavailable' },
    ]);
  });

  it('fetches the keys at init, before any request, and does not fail the init when the provider is down', async () => {
    jwks = await startJwksServer({ keys: [{ ...key.publicJwk, kid: 'k1' }] });
    const ready = await invokeBuiltAsync({ JWKS_URI: jwks.url.href }, []);
    expect(jwks.count).toBe(1);
    const fetches = (logs: Array<Record<string, unknown>>) =>
      logs.filter((line) => line['message'] !== 'configuration');
    expect(fetches(ready.logs)).toMatchObject([
      { level: 'INFO', message: 'keys fetched', source: 'jwks', result: 'ok' },
    ]);
    jwks.setMode({ kind: 'down' });
    const down = await invokeBuiltAsync({ JWKS_URI: jwks.url.href }, []);
    expect(down.results).toEqual([]); // no initError
    expect(fetches(down.logs)).toMatchObject([
      { level: 'WARN', message: 'key fetch failed', reason: 'key_source_unavailable' },
    ]);
  });

  it('discovers the keys from JWT_ISSUER alone', async () => {
    jwks = await startJwksServer({ keys: [{ ...key.publicJwk, kid: 'k1' }] });
    const token = await signToken(key, { iss: jwks.issuer }, { header: { kid: 'k1' } });
    const foreign = await signToken(key, { iss: 'https://other.example' }, { header: { kid: 'k1' } });
    const { results } = await invokeBuiltAsync({ JWT_ISSUER: jwks.issuer }, [tokenEvent(foreign), tokenEvent(token)]);
    expect(results[0]?.error?.message).toBe('Unauthorized');
    expect(results[1]?.response).toMatchObject({ principalId: 'user-1' });
    expect([jwks.discoveryCount, jwks.count]).toEqual([1, 1]);
  });
});

describe('the built authorizer with JWT_PUBLIC_KEY_SSM_PARAMETER', () => {
  it('reads the parameter once, WithDecryption, for 50 warm invocations, with the real SDK client', async () => {
    ssm = await startSsmServer({ '/auth/jwt-public-key': key.publicPem });
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => signToken(key, { sub: `u${i}` })));
    const { results } = await invokeBuiltAsync(
      { ...ssm.env, JWT_PUBLIC_KEY_SSM_PARAMETER: '/auth/jwt-public-key' },
      tokens.map(tokenEvent),
    );
    expect(results.map((r) => (r.response as { principalId: string }).principalId)).toEqual(
      tokens.map((_, i) => `u${i}`),
    );
    expect(ssm.requests).toEqual([
      { target: 'AmazonSSM.GetParameter', body: { Name: '/auth/jwt-public-key', WithDecryption: true } },
    ]);
  });

  it('answers 500 with the reason key_not_found when the parameter does not exist', async () => {
    ssm = await startSsmServer({});
    const { results, logs } = await invokeBuiltAsync({ ...ssm.env, JWT_PUBLIC_KEY_SSM_PARAMETER: '/missing' }, [
      tokenEvent(await signToken(key)),
    ]);
    expect(results[0]?.error).toMatchObject({ name: 'KeySourceError' });
    expect(logs).toContainEqual(expect.objectContaining({ outcome: 'error', reason: 'key_not_found' }));
  });
});

describe('lazy loading of the AWS SDK', () => {
  // What index.mjs imports statically, transitively; everything else in dist/ is loaded only on demand.
  function staticClosure(): Set<string> {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(join(dist, file), 'utf8');
      for (const [, name] of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w${},*\s]+from\s*)?["']\.\/([^"']+)["']/g)) {
        visit(name as string);
      }
    };
    visit('index.mjs');
    return seen;
  }

  it('keeps the SDK out of what index.mjs imports statically, which is index.mjs alone', () => {
    // One module to resolve and link at cold start: each more cost about a millisecond (docs/architecture.md).
    const closure = staticClosure();
    expect([...closure]).toEqual(['index.mjs']);
    // `AmazonSSM.` prefixes the SDK's X-Amz-Target header: a string of the SDK's SSM client, not of our source.
    const lazy = readdirSync(dist).filter((file) => file.endsWith('.mjs') && !closure.has(file));
    expect(lazy.some((file) => readFileSync(join(dist, file), 'utf8').includes('AmazonSSM'))).toBe(true);
    expect(readFileSync(join(dist, 'index.mjs'), 'utf8')).not.toContain('AmazonSSM');
  });

  it('runs PEM and JWKS deployments with every lazily loaded chunk deleted', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'authorizer-dist-'));
    try {
      cpSync(dist, copy, { recursive: true });
      const closure = staticClosure();
      for (const file of readdirSync(copy)) if (file.endsWith('.mjs') && !closure.has(file)) rmSync(join(copy, file));
      jwks = await startJwksServer({ keys: [{ ...key.publicJwk, kid: 'k1' }] });
      const token = await signToken(key, {}, { header: { kid: 'k1' } });
      const entry = join(copy, 'index.mjs');
      for (const env of [{ JWT_PUBLIC_KEY: key.publicPem }, { JWKS_URI: jwks.url.href }]) {
        const { results } = await invokeBuiltAsync(env, [tokenEvent(token)], { entry });
        expect(results[0]?.response).toMatchObject({ principalId: 'user-1' });
      }
      // and the SSM deployment does need them: proof that the deletion removed the SDK
      ssm = await startSsmServer({ '/k': key.publicPem });
      const { results } = await invokeBuiltAsync(
        { ...ssm.env, JWT_PUBLIC_KEY_SSM_PARAMETER: '/k' },
        [tokenEvent(token)],
        { entry },
      );
      expect(results[0]?.error).toBeDefined();
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
