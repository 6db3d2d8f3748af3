import { fileURLToPath } from 'node:url';
import {
  createTestKey,
  SEED_ENV,
  SEED_TOKEN_BAD_SIGNATURE,
  SEED_TOKEN_VALID,
  signToken,
  type TestKey,
} from '@jwt-authorizer/test-fixtures';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, connectWebSocket, type GatewayProcess, runGateway } from './support/run-gateway.js';

const scripted = fileURLToPath(new URL('./support/scripted-handler.mjs', import.meta.url));
const GOOD = `Bearer ${SEED_TOKEN_VALID}`;
const BAD = `Bearer ${SEED_TOKEN_BAD_SIGNATURE}`;
const UNAUTHORIZED = { message: 'Unauthorized' };
const IMPLICIT_DENY = { Message: 'User is not authorized to access this resource' };
const EXPLICIT_DENY = { Message: 'User is not authorized to access this resource with an explicit deny' };
const policy = (effect: string, resource: unknown, extra: Record<string, unknown> = {}) => ({
  principalId: 'p1',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  },
  ...extra,
});

const running: GatewayProcess[] = [];
async function gateway(env: Record<string, string>, args: string[] = []) {
  const started = await runGateway(env, args);
  running.push(started);
  return started;
}
afterEach(() => {
  for (const started of running.splice(0)) started.stop();
});

describe('local gateway, REST TOKEN authorizer over real HTTP', () => {
  it("answers 200 with the seed's first token, echoing principal and context; 401 for the second and for none", async () => {
    const { url, authorizerLogs } = await gateway(SEED_ENV);
    const ok = await call(url, '/pets/42', GOOD);
    expect(ok).toMatchObject({
      status: 200,
      body: { principalId: 'ncc1701a', context: { user_id: 'ncc1701a', admin: true }, method: 'GET', path: '/pets/42' },
    });
    expect(await call(url, '/pets/42', BAD)).toMatchObject({ status: 401, body: UNAUTHORIZED });
    expect(await call(url, '/pets/42')).toMatchObject({ status: 401, body: UNAUTHORIZED });
    expect(await call(url, '/pets/42', '   ')).toMatchObject({ status: 401, body: UNAUTHORIZED });
    // The missing identity source never reached the authorizer: two decisions logged, for two invocations.
    expect(authorizerLogs().filter((line) => line['outcome'])).toHaveLength(2);
  });

  it('reuses a cached result across routes: POLICY_RESOURCE=method makes the second route 403', async () => {
    const { url } = await gateway({ ...SEED_ENV, POLICY_RESOURCE: 'method' });
    expect(await call(url, '/pets/42', GOOD)).toMatchObject({ status: 200, cache: 'miss' });
    expect(await call(url, '/orders', GOOD)).toMatchObject({ status: 403, body: IMPLICIT_DENY, cache: 'hit' });
    expect(await call(url, '/pets/42', GOOD, 'DELETE')).toMatchObject({ status: 403, cache: 'hit' });
  });

  it('with the default POLICY_RESOURCE=stage, the cached result is right on every route', async () => {
    const { url } = await gateway(SEED_ENV);
    expect(await call(url, '/pets/42', GOOD)).toMatchObject({ status: 200, cache: 'miss' });
    expect(await call(url, '/orders', GOOD)).toMatchObject({ status: 200, cache: 'hit' });
  });

  it('with the cache off (--cache-ttl 0), POLICY_RESOURCE=method works on every route', async () => {
    const { url } = await gateway({ ...SEED_ENV, POLICY_RESOURCE: 'method' }, ['--cache-ttl', '0']);
    expect(await call(url, '/pets/42', GOOD)).toMatchObject({ status: 200, cache: 'miss' });
    expect(await call(url, '/orders', GOOD)).toMatchObject({ status: 200, cache: 'miss' });
  });

  it('answers 403 for a valid token that ROUTE_SCOPES does not permit the route', async () => {
    const key = await createTestKey('RS256');
    const { url } = await gateway({
      JWT_PUBLIC_KEY: key.publicPem,
      ROUTE_SCOPES: JSON.stringify({ 'GET /pets/*': [], 'GET /admin/*': ['admin'] }),
    });
    const reader = `Bearer ${await signToken(key, { scope: 'pets:read' })}`;
    expect(await call(url, '/pets/1', reader)).toMatchObject({ status: 200 });
    expect(await call(url, '/admin/users', reader)).toMatchObject({ status: 403, body: IMPLICIT_DENY });
    const admin = `Bearer ${await signToken(key, { scp: ['admin'] })}`;
    expect(await call(url, '/admin/users', admin)).toMatchObject({ status: 200 });
    const none = await gateway({
      JWT_PUBLIC_KEY: key.publicPem,
      ROUTE_SCOPES: JSON.stringify({ 'GET /admin/*': ['admin'] }),
    });
    expect(await call(none.url, '/pets/1', reader)).toMatchObject({ status: 403, body: EXPLICIT_DENY });
  });
});

describe('local gateway, contract and policy evaluation (scripted authorizers)', () => {
  it.each([
    ['a missing principalId', { policyDocument: policy('Allow', '*').policyDocument }],
    ['an object in context', policy('Allow', '*', { context: { roles: { admin: true } } })],
    ['a bad Effect', policy('allow', '*')],
    ['no policy at all', { principalId: 'p1' }],
  ])('answers 500 with the real gateway body for %s', async (_, response) => {
    const { url } = await gateway({ SCRIPTED_RESPONSE: JSON.stringify(response) }, ['--handler', scripted]);
    expect(await call(url, '/x', 'Bearer t')).toEqual({
      status: 500,
      body: { message: null },
      cache: null,
      errorType: 'AuthorizerConfigurationException',
    });
  });

  it('answers 500 when the authorizer throws anything but Unauthorized, 401 when it throws Unauthorized', async () => {
    const failing = await gateway({ SCRIPTED_THROW: 'key source unavailable' }, ['--handler', scripted]);
    expect(await call(failing.url, '/x', 'Bearer t')).toMatchObject({ status: 500, body: { message: null } });
    const refusing = await gateway({ SCRIPTED_THROW: 'Unauthorized' }, ['--handler', scripted]);
    expect(await call(refusing.url, '/x', 'Bearer t')).toMatchObject({ status: 401, body: UNAUTHORIZED });
  });

  it('lets an explicit Deny win over an Allow, and answers 403 when no Allow covers the ARN', async () => {
    const both = {
      principalId: 'p1',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:*' },
          { Action: 'execute-api:*', Effect: 'Deny', Resource: ['arn:aws:execute-api:us-east-1:*:*/prod/GET/admin/*'] },
        ],
      },
    };
    const { url } = await gateway({ SCRIPTED_RESPONSE: JSON.stringify(both) }, ['--handler', scripted]);
    expect(await call(url, '/pets', 'Bearer t')).toMatchObject({ status: 200, body: { principalId: 'p1' } });
    expect(await call(url, '/admin/x', 'Bearer t')).toMatchObject({ status: 403, body: EXPLICIT_DENY });
    const narrow = policy('Allow', 'arn:aws:execute-api:us-east-1:123456789012:localapi01/prod/GET/pets');
    const other = await gateway({ SCRIPTED_RESPONSE: JSON.stringify(narrow) }, ['--handler', scripted]);
    expect(await call(other.url, '/pets', 'Bearer t')).toMatchObject({ status: 200 });
    expect(await call(other.url, '/pets/1', 'Bearer t')).toMatchObject({ status: 403, body: IMPLICIT_DENY });
  });
});

describe('local gateway, REQUEST and HTTP API 2.0 authorizers', () => {
  it('sends REST REQUEST events (--event request)', async () => {
    const { url, authorizerLogs } = await gateway(SEED_ENV, ['--event', 'request']);
    expect(await call(url, '/pets?x=1', GOOD)).toMatchObject({ status: 200, body: { principalId: 'ncc1701a' } });
    expect(await call(url, '/pets', BAD)).toMatchObject({ status: 401 });
    expect(authorizerLogs().find((line) => line['outcome'] === 'allow')).toMatchObject({ format: 'rest-request' });
  });

  it('sends HTTP API 2.0 events (--event http), simple responses by default, with HTTP API bodies', async () => {
    const key = await createTestKey('ES256');
    const env = {
      JWT_PUBLIC_KEY: key.publicPem,
      JWT_ALGORITHMS: 'ES256',
      ROUTE_SCOPES: JSON.stringify({ 'GET /pets': ['pets:read'] }),
    };
    const { url } = await gateway(env, ['--event', 'http', '--cache-ttl', '0']);
    const token = `Bearer ${await signToken(key, { scope: 'pets:read' })}`;
    expect(await call(url, '/pets', token)).toMatchObject({ status: 200, body: { context: { scope: 'pets:read' } } });
    expect(await call(url, '/orders', token)).toMatchObject({ status: 403, body: { message: 'Forbidden' } });
    expect(await call(url, '/pets')).toMatchObject({ status: 401, body: UNAUTHORIZED });
    const policyMode = await gateway({ ...env, HTTP_API_RESPONSE: 'policy' }, ['--event', 'http']);
    expect(await call(policyMode.url, '/pets', token)).toMatchObject({ status: 200, body: { principalId: 'user-1' } });
    const broken = await gateway({ SCRIPTED_RESPONSE: '{"isAuthorized":"yes"}' }, [
      '--event',
      'http',
      '--handler',
      scripted,
    ]);
    expect(await call(broken.url, '/pets', token)).toMatchObject({
      status: 500,
      body: { message: 'Internal Server Error' },
    });
  });
});

describe('local gateway, identity sources from TOKEN_SOURCES over real HTTP', () => {
  it('REST REQUEST with a query token: 200 with ?token=, 401 without invoking when it is missing', async () => {
    const { url, authorizerLogs } = await gateway({ ...SEED_ENV, TOKEN_SOURCES: 'query:token' }, [
      '--event',
      'request',
    ]);
    expect(await call(url, `/pets?token=${SEED_TOKEN_VALID}`)).toMatchObject({ status: 200, cache: 'miss' });
    expect(await call(url, `/orders?token=${SEED_TOKEN_VALID}`)).toMatchObject({ status: 200, cache: 'hit' });
    expect(await call(url, `/pets?token=${SEED_TOKEN_BAD_SIGNATURE}`)).toMatchObject({
      status: 401,
      body: UNAUTHORIZED,
    });
    expect(await call(url, '/pets', GOOD)).toMatchObject({ status: 401, body: UNAUTHORIZED });
    expect(
      authorizerLogs()
        .filter((line) => line['outcome'])
        .map((line) => line['tokenSource']),
    ).toEqual(['query:token', 'query:token']);
  });

  it('HTTP API 2.0 with a cookie: the Cookie header is the identity source and the cache key', async () => {
    const { url, authorizerLogs } = await gateway({ ...SEED_ENV, TOKEN_SOURCES: 'cookie:session' }, [
      '--event',
      'http',
    ]);
    const cookie = (value: string) => call(url, '/pets', undefined, 'GET', { cookie: value });
    expect(await cookie(`theme=dark; session=${SEED_TOKEN_VALID}`)).toMatchObject({ status: 200, cache: 'miss' });
    expect(await cookie('theme=dark')).toMatchObject({ status: 401, body: UNAUTHORIZED });
    expect(await call(url, '/pets')).toMatchObject({ status: 401, body: UNAUTHORIZED });
    expect(
      authorizerLogs()
        .filter((line) => line['outcome'])
        .map((line) => line['reason'] ?? line['outcome']),
    ).toEqual(['allow', 'missing_token']);
  });

  it('invokes the authorizer for every request, with no identity source, when TOKEN_SOURCES names several', async () => {
    const env = { ...SEED_ENV, TOKEN_SOURCES: 'header:Authorization,query:token' };
    const { url, authorizerLogs } = await gateway(env, ['--event', 'request']);
    expect(await call(url, `/pets?token=${SEED_TOKEN_VALID}`)).toMatchObject({ status: 200, cache: 'miss' });
    expect(await call(url, '/pets', GOOD)).toMatchObject({ status: 200, cache: 'miss' });
    expect(await call(url, '/pets')).toMatchObject({ status: 401 });
    expect(authorizerLogs().filter((line) => line['outcome'])).toHaveLength(3);
  });

  it('refuses to start a TOKEN authorizer for a query source, as the CDK construct refuses to synthesize it', async () => {
    await expect(runGateway({ ...SEED_ENV, TOKEN_SOURCES: 'query:token' })).rejects.toThrow(
      /a TOKEN authorizer reads one header/,
    );
  });
});

describe('local gateway, WebSocket API (--event websocket) with a real ws client', () => {
  const WS_ENV = { ...SEED_ENV, TOKEN_SOURCES: 'query:token' };

  it('completes the handshake for a valid query token, the backend greeting with the principal and echoing', async () => {
    const { url, authorizerLogs } = await gateway(WS_ENV, ['--event', 'websocket']);
    expect(await connectWebSocket(url, `/?token=${SEED_TOKEN_VALID}`)).toEqual({
      status: 101,
      welcome: expect.objectContaining({ principalId: 'ncc1701a', context: expect.objectContaining({ admin: true }) }),
      echo: { echo: 'ping' },
    });
    expect(authorizerLogs().find((line) => line['outcome'])).toMatchObject({ outcome: 'allow', format: 'websocket' });
  });

  it('refuses the handshake with 401 for a bad token, and for none without invoking the authorizer', async () => {
    const { url, authorizerLogs } = await gateway(WS_ENV, ['--event', 'websocket']);
    expect(await connectWebSocket(url, `/?token=${SEED_TOKEN_BAD_SIGNATURE}`)).toEqual({
      status: 401,
      body: UNAUTHORIZED,
    });
    expect(await connectWebSocket(url, '/')).toEqual({ status: 401, body: UNAUTHORIZED });
    expect(authorizerLogs().filter((line) => line['outcome'])).toHaveLength(1);
  });

  it('refuses with 403 when the policy does not cover $connect, 500 when the authorizer fails', async () => {
    const elsewhere = { ...WS_ENV, POLICY_RESOURCE: 'arn:aws:execute-api:us-east-1:123456789012:otherapi01/*' };
    const denied = await gateway(elsewhere, ['--event', 'websocket']);
    expect(await connectWebSocket(denied.url, `/?token=${SEED_TOKEN_VALID}`)).toEqual({
      status: 403,
      body: { message: 'Forbidden' },
    });
    const ruled = await gateway({ ...WS_ENV, ROUTE_SCOPES: '{"GET /pets": []}' }, ['--event', 'websocket']);
    expect(await connectWebSocket(ruled.url, `/?token=${SEED_TOKEN_VALID}`)).toEqual({
      status: 500,
      body: { message: 'Internal server error' },
    });
    expect(ruled.authorizerLogs().find((line) => line['outcome'])).toMatchObject({ reason: 'incompatible_event' });
  });

  it('reads a header or a cookie of the handshake too, and answers plain HTTP with 426', async () => {
    const env = { ...SEED_ENV, TOKEN_SOURCES: 'cookie:session' };
    const { url } = await gateway(env, ['--event', 'websocket']);
    expect(await connectWebSocket(url, '/', { cookie: `session=${SEED_TOKEN_VALID}` })).toMatchObject({ status: 101 });
    expect(await call(url, '/', GOOD)).toMatchObject({ status: 426 });
  });
});

describe('local gateway, ROUTE_RULES with the cache on and off', () => {
  // API Gateway caches an authorizer's result per identity source and reuses it on every route. With ROUTE_RULES the
  // policy lists every route the token may call, so the answers must not depend on whether the cache is on: one
  // token, several routes, the same answers with --cache-ttl 300 as with 0, over real HTTP.
  const ROUTE_RULES = JSON.stringify({
    'GET /tenants/{tenant_id}/*': {},
    'POST /tenants/{tenant_id}/orders': { scope: 'orders:write' },
    'DELETE /tenants/{tenant_id}/*': { roles: 'tenant-admin' },
    'GET /health': {},
  });
  const ROUTES: Array<[method: string, path: string]> = [
    ['GET', '/tenants/t1/orders'],
    ['GET', '/tenants/t2/orders'],
    ['POST', '/tenants/t1/orders'],
    ['DELETE', '/tenants/t1/orders/7'],
    ['GET', '/health'],
    ['GET', '/tenants/t1/orders/7/lines'],
    ['POST', '/tenants/t2/orders'],
  ];

  let key: TestKey;
  let token: string;
  beforeAll(async () => {
    key = await createTestKey('ES256');
    token = `Bearer ${await signToken(key, { tenant_id: 't1', scope: 'orders:write' })}`;
  });

  /** Every route once, in order, with the same token: status, body and the rule the gateway names. */
  async function answers(args: string[], env: Record<string, string> = {}) {
    const started = await gateway(
      { JWT_PUBLIC_KEY: key.publicPem, JWT_ALGORITHMS: 'ES256', ROUTE_RULES, ...env },
      args,
    );
    const replies = [];
    for (const [method, path] of ROUTES) {
      const response = await fetch(`${started.url}${path}`, { method, headers: { authorization: token } });
      replies.push({
        status: response.status,
        body: (await response.json()) as unknown,
        rule: response.headers.get('x-local-gateway-route-rule'),
        cache: response.headers.get('x-local-gateway-authorizer-cache'),
      });
    }
    return { replies, invocations: started.authorizerLogs().filter((line) => line['outcome']).length };
  }
  const withoutCache = (replies: Array<{ cache: string | null }>) => replies.map(({ cache: _, ...reply }) => reply);

  it.each([
    ['REST TOKEN', ['--event', 'token'], {}],
    ['REST REQUEST', ['--event', 'request'], {}],
    ['HTTP API with IAM policy responses', ['--event', 'http'], { HTTP_API_RESPONSE: 'policy' }],
  ])('answers the same on every route for %s', async (_kind, args, env) => {
    const cached = await answers([...args, '--cache-ttl', '300'], env);
    const uncached = await answers([...args, '--cache-ttl', '0'], env);
    expect(withoutCache(cached.replies)).toEqual(withoutCache(uncached.replies));
    expect(cached.replies.map((reply) => reply.status)).toEqual([200, 403, 200, 403, 200, 200, 403]);
    expect(cached.replies.map((reply) => reply.rule)).toEqual([
      'GET /tenants/{tenant_id}/*',
      null,
      'POST /tenants/{tenant_id}/orders',
      null,
      'GET /health',
      'GET /tenants/{tenant_id}/*',
      null,
    ]);
    // One invocation with the cache on, one per route with it off.
    expect([cached.invocations, uncached.invocations]).toEqual([1, ROUTES.length]);
    expect(cached.replies.map((reply) => reply.cache)).toEqual(['miss', ...ROUTES.slice(1).map(() => 'hit')]);
  });

  it('shows why HTTP API simple responses need the cache off: a cached isAuthorized answers every route', async () => {
    const cached = await answers(['--event', 'http', '--cache-ttl', '300']);
    const uncached = await answers(['--event', 'http', '--cache-ttl', '0']);
    expect(uncached.replies.map((reply) => reply.status)).toEqual([200, 403, 200, 403, 200, 200, 403]);
    // The first answer (true, for GET /tenants/t1/orders) is reused on every route, another tenant's among them.
    expect(cached.replies.map((reply) => reply.status)).toEqual(ROUTES.map(() => 200));
  });
});
