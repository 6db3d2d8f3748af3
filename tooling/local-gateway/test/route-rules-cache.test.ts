import { createTestKey, signToken, type TestKey } from '@jwt-authorizer/test-fixtures';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayProcess, runGateway } from './support/run-gateway.js';

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

const running: GatewayProcess[] = [];
afterEach(() => {
  for (const started of running.splice(0)) started.stop();
});

/** Every route once, in order, with the same token: status, body and the rule the gateway names. */
async function answers(args: string[], env: Record<string, string> = {}) {
  const gateway = await runGateway(
    { JWT_PUBLIC_KEY: key.publicPem, JWT_ALGORITHMS: 'ES256', ROUTE_RULES, ...env },
    args,
  );
  running.push(gateway);
  const replies = [];
  for (const [method, path] of ROUTES) {
    const response = await fetch(`${gateway.url}${path}`, { method, headers: { authorization: token } });
    replies.push({
      status: response.status,
      body: (await response.json()) as unknown,
      rule: response.headers.get('x-local-gateway-route-rule'),
      cache: response.headers.get('x-local-gateway-authorizer-cache'),
    });
  }
  return { replies, invocations: gateway.authorizerLogs().filter((line) => line['outcome']).length };
}
const withoutCache = (replies: Array<{ cache: string | null }>) => replies.map(({ cache: _, ...reply }) => reply);

describe('ROUTE_RULES behind the local gateway, cache on and off', () => {
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
