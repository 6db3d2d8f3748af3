import { parseConfig } from '@jwt-authorizer/config';
import {
  createTestKey,
  hmacWithPublicKeyToken,
  SEED_ENV,
  SEED_TOKEN_BAD_SIGNATURE,
  SEED_TOKEN_VALID,
  signToken,
  startJwksServer,
  unsignedToken,
  withPayload,
} from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/create-app.ts';
import { jwtAuthOptionsFromConfig } from '../src/jwt-auth.ts';
import { invokeLambda, type LambdaOutcome, type LambdaRequest } from './support/invoke-lambda.ts';
import { serveOnLoopback } from './support/serve.ts';

const STATUS_OF: Record<LambdaOutcome, number> = { allow: 200, deny: 403, unauthorized: 401, error: 500 };

/** Sends every header to the Hono service and to the built Lambda configured by the same `env`. */
async function bothAnswers(env: Record<string, string>, headers: string[]) {
  const server = await serveOnLoopback(createApp(jwtAuthOptionsFromConfig(parseConfig(env))));
  try {
    const statuses: number[] = [];
    for (const header of headers) {
      const init = header === '' ? {} : { headers: { authorization: header } };
      statuses.push((await fetch(`${server.url}/pets`, init)).status);
    }
    return { hono: statuses, lambda: (await invokeLambda(env, headers)).map((outcome) => STATUS_OF[outcome]) };
  } finally {
    await server.close();
  }
}

describe('the Hono service and the Lambda, given the same configuration and tokens', () => {
  it("decide the same for the seed's tokens and for no credential", async () => {
    const { hono, lambda } = await bothAnswers(SEED_ENV, [
      `Bearer ${SEED_TOKEN_VALID}`,
      `Bearer ${SEED_TOKEN_BAD_SIGNATURE}`,
      '',
      `Basic ${SEED_TOKEN_VALID}`,
    ]);
    expect(lambda).toEqual([200, 401, 401, 401]);
    expect(hono).toEqual(lambda);
  });

  it('decide the same for fresh tokens, good and hostile', async () => {
    const key = await createTestKey('ES256');
    const other = await createTestKey('ES256');
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: 'https://idp.test/', aud: 'api://pets' };
    const valid = await signToken(key, claims);
    const tokens = [
      valid,
      await signToken(key, { ...claims, iss: 'https://evil.test/' }),
      await signToken(key, { ...claims, aud: 'api://other' }),
      await signToken(key, { ...claims, exp: now - 120 }),
      await signToken(key, { ...claims, nbf: now + 3600 }),
      await signToken(key, claims, { header: { jwk: other.publicJwk } }),
      await signToken(other, claims),
      withPayload(valid, { ...claims, sub: 'admin', exp: now + 3600 }),
      unsignedToken({ ...claims, sub: 'x', exp: now + 3600 }),
      await hmacWithPublicKeyToken(key, claims),
    ];
    const env = {
      JWT_PUBLIC_KEY: JSON.stringify(key.publicJwk),
      JWT_ALGORITHMS: 'ES256',
      JWT_ISSUER: claims.iss,
      JWT_AUDIENCE: claims.aud,
    };
    const { hono, lambda } = await bothAnswers(
      env,
      tokens.map((token) => `Bearer ${token}`),
    );
    expect(lambda).toEqual([200, 401, 401, 401, 401, 401, 401, 401, 401, 401]);
    expect(hono).toEqual(lambda);
  });

  it('decide the same for explicit typing, client_id audiences, claim values, token age and principal lists', async () => {
    const key = await createTestKey('ES256');
    const now = Math.floor(Date.now() / 1000);
    const at = { header: { typ: 'at+jwt' } };
    const claims = { iss: 'https://idp.test/', client_id: 'web-client', token_use: 'access', groups: ['admins'] };
    const tokens = [
      await signToken(key, { ...claims, username: 'ada' }, at),
      await signToken(key, claims, at), // no username: named by client_id
      await signToken(key, claims, { header: { typ: 'JWT' } }),
      await signToken(key, claims),
      await signToken(key, { ...claims, client_id: 'mobile-client' }, at),
      await signToken(key, { ...claims, aud: 'api://other' }, at),
      await signToken(key, { ...claims, client_id: undefined } as never, at),
      await signToken(key, { ...claims, token_use: 'id' }, at),
      await signToken(key, { ...claims, groups: ['readers'] }, at),
      await signToken(key, { ...claims, iat: now - 3600 }, at),
    ];
    const env = {
      JWT_PUBLIC_KEY: JSON.stringify(key.publicJwk),
      JWT_ALGORITHMS: 'ES256',
      JWT_ISSUER: claims.iss,
      JWT_AUDIENCE: 'web-client',
      JWT_TYPE: 'at+jwt',
      JWT_CLAIM_VALUES: '{"token_use":"access","groups":["admins","operators"]}',
      JWT_MAX_TOKEN_AGE_SECONDS: '600',
      PRINCIPAL_CLAIM: 'username,client_id',
    };
    const { hono, lambda } = await bothAnswers(
      env,
      tokens.map((token) => `Bearer ${token}`),
    );
    expect(lambda).toEqual([200, 200, 401, 401, 401, 401, 401, 401, 401, 401]);
    expect(hono).toEqual(lambda);
  });

  it('decide the same for a multi-tenant {tid} issuer restricted to a list of tenants', async () => {
    const key = await createTestKey('RS256');
    const issuerOf = (tid: string) => `https://login.microsoftonline.com/${tid}/v2.0`;
    const token = (tid: string, iss = issuerOf(tid)) => signToken(key, { iss, tid, aud: 'api://orders' });
    const tokens = [
      await token('tenant-a'),
      await token('tenant-b'),
      await token('tenant-c'),
      await token('tenant-a', issuerOf('tenant-b')),
      await token('tenant-a/x'),
    ];
    const env = {
      JWT_PUBLIC_KEY: key.publicPem,
      JWT_ISSUER: 'https://login.microsoftonline.com/{tid}/v2.0',
      JWT_AUDIENCE: 'api://orders',
      JWT_CLAIM_VALUES: '{"tid":["tenant-a","tenant-b"]}',
    };
    const { hono, lambda } = await bothAnswers(
      env,
      tokens.map((each) => `Bearer ${each}`),
    );
    expect(lambda).toEqual([200, 200, 401, 401, 401]);
    expect(hono).toEqual(lambda);
  });

  it('decide the same for an Amazon Cognito user pool named by its id', async () => {
    const key = await createTestKey('RS256');
    const jwks = await startJwksServer({ keys: [{ ...key.publicJwk, kid: 'pool-key' }] });
    try {
      const endpoint = jwks.url.origin;
      const pool = 'local_Parity01';
      const iss = `${endpoint}/${pool}`;
      const kid = { header: { kid: 'pool-key' } };
      const tokens = [
        await signToken(key, { iss, client_id: 'web-client', token_use: 'access' }, kid),
        await signToken(key, { iss, aud: 'web-client', token_use: 'id' }, kid),
        await signToken(key, { iss, client_id: 'mobile-client', token_use: 'access' }, kid),
        await signToken(key, { iss: `${endpoint}/local_Another01`, client_id: 'web-client', token_use: 'access' }, kid),
      ];
      const env = {
        COGNITO_USER_POOL_ID: pool,
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoint,
        JWT_AUDIENCE: 'web-client',
      };
      const { hono, lambda } = await bothAnswers(
        env,
        tokens.map((each) => `Bearer ${each}`),
      );
      expect(lambda).toEqual([200, 401, 401, 401]);
      expect(hono).toEqual(lambda);
    } finally {
      await jwks.close();
    }
  });
});

describe('the Hono service and the Lambda, given the same ROUTE_RULES, tokens and routes', () => {
  /** Every token on every route, to the Hono service over HTTP and to the built Lambda: the status of each. */
  async function bothDecide(env: Record<string, string>, tokens: string[], routes: Array<[string, string]>) {
    const server = await serveOnLoopback(createApp(jwtAuthOptionsFromConfig(parseConfig(env))));
    const requests: Array<Required<Pick<LambdaRequest, 'authorization' | 'method' | 'path'>>> = tokens.flatMap(
      (token) => routes.map(([method, path]) => ({ authorization: `Bearer ${token}`, method, path })),
    );
    try {
      const hono: number[] = [];
      for (const { authorization, method, path } of requests) {
        hono.push((await fetch(`${server.url}${path}`, { method, headers: { authorization } })).status);
      }
      return { hono, lambda: (await invokeLambda(env, requests)).map((outcome) => STATUS_OF[outcome]) };
    } finally {
      await server.close();
    }
  }

  it('decide the same for every tenant, role and hostile tenant value, on every route', async () => {
    const key = await createTestKey('ES256');
    const env = {
      JWT_PUBLIC_KEY: key.publicPem,
      JWT_ALGORITHMS: 'ES256',
      ROUTE_RULES: JSON.stringify({
        'GET /pets': {},
        'GET /tenants/{tenant_id}/*': {},
        'POST /tenants/{tenant_id}/orders': { scope: 'orders:write' },
        'DELETE /tenants/{tenant_id}/*': { '/app_metadata/roles': ['owner', 'admin'] },
      }),
    };
    const tokens = await Promise.all(
      [
        { tenant_id: 't1' },
        { tenant_id: 't1', scope: 'orders:write' },
        { tenant_id: 't2', app_metadata: { roles: ['admin'] } },
        { tenant_id: '*', scope: 'orders:write' },
        { tenant_id: 't1/orders' },
        { scope: 'orders:write' },
      ].map((claims) => signToken(key, claims)),
    );
    const routes: Array<[string, string]> = [
      ['GET', '/pets'],
      ['GET', '/tenants/t1/orders'],
      ['POST', '/tenants/t1/orders'],
      ['DELETE', '/tenants/t1/orders/7'],
      ['GET', '/tenants/t2/orders'],
      ['DELETE', '/tenants/t2/orders/7'],
    ];
    const { hono, lambda } = await bothDecide(env, tokens, routes);
    expect(lambda).toEqual(
      [
        [200, 200, 403, 403, 403, 403],
        [200, 200, 200, 403, 403, 403],
        [200, 403, 403, 403, 200, 200],
        [200, 403, 403, 403, 403, 403],
        [200, 403, 403, 403, 403, 403],
        [200, 403, 403, 403, 403, 403],
      ].flat(),
    );
    expect(hono).toEqual(lambda);
  });

  it('decide the same for ROUTE_SCOPES, its scope-only form', async () => {
    const key = await createTestKey('ES256');
    const env = {
      JWT_PUBLIC_KEY: key.publicPem,
      JWT_ALGORITHMS: 'ES256',
      ROUTE_SCOPES: JSON.stringify({ 'GET /pets': ['pets:read'], 'ANY /tenants/*': ['admin'] }),
    };
    const tokens = await Promise.all(
      [{ scope: 'pets:read' }, { scp: ['admin'] }, {}].map((claims) => signToken(key, claims)),
    );
    const routes: Array<[string, string]> = [
      ['GET', '/pets'],
      ['POST', '/tenants/t1/orders'],
    ];
    const { hono, lambda } = await bothDecide(env, tokens, routes);
    expect(lambda).toEqual([200, 403, 403, 200, 403, 403]);
    expect(hono).toEqual(lambda);
  });
});

describe('the Hono service and the Lambda, given the same TOKEN_SOURCES and requests', () => {
  it('decide the same for tokens in headers, query parameters and cookies, first present winning', async () => {
    const key = await createTestKey('ES256');
    const env = {
      JWT_PUBLIC_KEY: key.publicPem,
      JWT_ALGORITHMS: 'ES256',
      TOKEN_SOURCES: 'header:X-Api-Token,query:access_token,cookie:session',
      USAGE_IDENTIFIER_CLAIM: 'api_key',
    };
    const good = await signToken(key, { api_key: 'MyApiKeyThatIsAtLeast20Characters' });
    const other = await signToken(key, { sub: 'other', api_key: 'AnotherApiKeyOfTwentyChars' });
    const unmetered = await signToken(key, {});
    const requests: LambdaRequest[] = [
      { headers: { 'X-Api-Token': good } },
      { headers: { 'X-Api-Token': `Bearer ${good}` } },
      { query: [['access_token', good]] },
      { headers: { Cookie: `theme=dark; session=${good}` } },
      { headers: { Cookie: `session="${good}"` } },
      { headers: { 'X-Api-Token': 'not-a-jwt', Cookie: `session=${good}` } },
      { headers: { Cookie: `session=${good}` }, query: [['access_token', `${good}x`]] },
      {
        query: [
          ['access_token', good],
          ['access_token', other],
        ],
      },
      { headers: { Cookie: `session=${good}; session=${other}` } },
      {
        query: [
          ['access_token', good],
          ['access_token', good],
        ],
      },
      { headers: { Authorization: `Bearer ${good}` } },
      { headers: { Cookie: `Session=${good}` }, query: [['Access_token', good]] },
      { headers: { 'X-Api-Token': unmetered } },
      {},
    ];
    const server = await serveOnLoopback(createApp(jwtAuthOptionsFromConfig(parseConfig(env))));
    try {
      const hono: number[] = [];
      for (const { headers, query } of requests) {
        const search = new URLSearchParams(query as Array<[string, string]>).toString();
        hono.push((await fetch(`${server.url}/pets${search && `?${search}`}`, { headers: headers ?? {} })).status);
      }
      const lambda = (await invokeLambda(env, requests)).map((outcome) => STATUS_OF[outcome]);
      expect(lambda).toEqual([200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 401, 401, 401, 401]);
      expect(hono).toEqual(lambda);
    } finally {
      await server.close();
    }
  });
});
