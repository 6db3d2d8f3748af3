import { parseConfig } from '@jwt-authorizer/config';
import { type KeySource, KeySourceError } from '@jwt-authorizer/core';
import {
  CLIENT_CERT_A,
  CLIENT_CERT_A_THUMBPRINT,
  CLIENT_CERT_B,
  createTestKey,
  SEED_ENV,
  SEED_TOKEN_BAD_SIGNATURE,
  SEED_TOKEN_VALID,
  signToken,
  startJwksServer,
  type TestKey,
} from '@jwt-authorizer/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/create-app.ts';
import { jwtAuthOptionsFromConfig } from '../src/jwt-auth.ts';
import { type RunningServer, serveOnLoopback } from './support/serve.ts';

const ISSUER = 'https://idp.test/';

async function get(server: RunningServer, path: string, authorization?: string): Promise<Response> {
  return fetch(`${server.url}${path}`, authorization === undefined ? {} : { headers: { authorization } });
}

describe('jwtAuth over HTTP, configured as the seed Lambda', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serveOnLoopback(createApp(jwtAuthOptionsFromConfig(parseConfig(SEED_ENV))));
  });
  afterAll(() => server.close());

  it("answers 200 with the seed's principal for its first token", async () => {
    const response = await get(server, '/pets', `Bearer ${SEED_TOKEN_VALID}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ principalId: 'ncc1701a', claims: { admin: true } });
  });

  it("answers 401 invalid_token for the seed's second token (signed by another key)", async () => {
    const response = await get(server, '/pets', `Bearer ${SEED_TOKEN_BAD_SIGNATURE}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(
      /^Bearer realm="api", error="invalid_token", error_description="[^"]+"$/,
    );
    expect(await response.json()).toEqual({ error: 'invalid_token', reason: 'bad_signature' });
  });

  it.each([
    ['no Authorization header', undefined],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('answers 401 with a bare challenge, no error code, for %s (RFC 6750 §3.1)', async (_name, header) => {
    const response = await get(server, '/pets', header);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="api"');
  });
});

describe('jwtAuth over HTTP, with a key of its own and an issuer', () => {
  let key: TestKey;
  let server: RunningServer;
  beforeAll(async () => {
    key = await createTestKey('RS256');
    const config = parseConfig({ JWT_PUBLIC_KEY: key.publicPem, JWT_ISSUER: ISSUER });
    server = await serveOnLoopback(createApp(jwtAuthOptionsFromConfig(config)));
  });
  afterAll(() => server.close());

  it('answers 401 invalid_token naming the reason for an expired token', async () => {
    const token = await signToken(key, { iss: ISSUER, exp: Math.floor(Date.now() / 1000) - 3600 });
    const response = await get(server, '/pets', `Bearer ${token}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await response.json()).toEqual({ error: 'invalid_token', reason: 'expired' });
  });

  it('answers 403 insufficient_scope naming the scope when a valid token lacks it', async () => {
    const token = await signToken(key, { iss: ISSUER, scope: 'pets:read' });
    const response = await get(server, '/pets/admin', `Bearer ${token}`);
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="api", error="insufficient_scope", scope="admin"',
    );
  });

  it('lets a token with the scope through', async () => {
    const token = await signToken(key, { iss: ISSUER, scope: 'pets:read admin', sub: 'ops-1' });
    const response = await get(server, '/pets/admin', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ principalId: 'ops-1' });
  });

  it('answers 401, not 403, for a token that fails verification on a scoped route', async () => {
    const token = await signToken(key, { iss: 'https://other.test/', scope: 'admin' });
    expect((await get(server, '/pets/admin', `Bearer ${token}`)).status).toBe(401);
  });
});

describe('jwtAuth when the key source fails', () => {
  it('answers 500, never 200, and says nothing of the cause', async () => {
    const key = await createTestKey('RS256');
    const failing: KeySource = {
      getKey: async () => {
        throw new KeySourceError('key_source_unavailable', 'jwks endpoint unreachable');
      },
    };
    const server = await serveOnLoopback(createApp({ keySource: failing, verify: { algorithms: ['RS256'] } }));
    try {
      const response = await get(server, '/pets', `Bearer ${await signToken(key)}`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: 'server_error' });
    } finally {
      await server.close();
    }
  });
});

describe('jwtAuth with the remote key sources of the Lambda', () => {
  it('verifies through a JWKS URL, fetching it once for several requests', async () => {
    const key = await createTestKey('ES256');
    const jwks = await startJwksServer({ keys: [{ ...key.publicJwk, kid: 'k1' }] });
    const server = await serveOnLoopback(
      createApp(
        jwtAuthOptionsFromConfig(parseConfig({ JWKS_URI: jwks.url.href, JWT_ALGORITHMS: 'ES256', JWT_ISSUER: ISSUER })),
      ),
    );
    try {
      for (let i = 0; i < 3; i += 1) {
        const token = await signToken(key, { iss: ISSUER, sub: `svc-${i}` }, { header: { kid: 'k1' } });
        const response = await get(server, '/pets', `Bearer ${token}`);
        expect(response.status).toBe(200);
      }
      expect(jwks.count).toBe(1);
    } finally {
      server.close();
      await jwks.close();
    }
  });
});

describe('jwtAuth with token sources and certificate binding from the configuration', () => {
  it('reads a cookie, refuses one sent twice, and answers a missing one with a bare challenge', async () => {
    const config = parseConfig({ ...SEED_ENV, TOKEN_SOURCES: 'cookie:session' });
    const server = await serveOnLoopback(createApp(jwtAuthOptionsFromConfig(config)));
    try {
      const cookie = (value: string) => fetch(`${server.url}/pets`, { headers: { cookie: value } });
      expect((await cookie(`theme=dark; session=${SEED_TOKEN_VALID}`)).status).toBe(200);
      const twice = await cookie(`session=${SEED_TOKEN_VALID}; session=${SEED_TOKEN_BAD_SIGNATURE}`);
      expect(await twice.json()).toEqual({ error: 'invalid_token', reason: 'ambiguous_token' });
      const none = await cookie('theme=dark');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    } finally {
      await server.close();
    }
  });

  it("passes a token bound to the connection's certificate, and refuses another certificate or none", async () => {
    const key = await createTestKey('ES256');
    const config = parseConfig({
      JWT_PUBLIC_KEY: key.publicPem,
      JWT_ALGORITHMS: 'ES256',
      CLIENT_CERT_BINDING: 'required',
    });
    let presented: string | undefined;
    const options = { ...jwtAuthOptionsFromConfig(config), clientCertificate: () => presented };
    expect(options.clientCertBinding).toBe('required');
    const server = await serveOnLoopback(createApp(options));
    try {
      const token = await signToken(key, { cnf: { 'x5t#S256': CLIENT_CERT_A_THUMBPRINT } });
      const reasons: unknown[] = [];
      for (const certificate of [CLIENT_CERT_A, CLIENT_CERT_B, undefined]) {
        presented = certificate;
        const response = await get(server, '/pets', `Bearer ${token}`);
        reasons.push(response.status === 200 ? 200 : ((await response.json()) as { reason: string }).reason);
      }
      expect(reasons).toEqual([200, 'certificate_mismatch', 'missing_client_certificate']);
    } finally {
      await server.close();
    }
  });
});
