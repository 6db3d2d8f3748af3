import { parseRouteRules, type RouteDecision } from '@jwt-authorizer/core';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { JwtAuthEnv } from '../src/jwt-auth.ts';
import { requireRouteRules } from '../src/require-route-rules.ts';

const RULES = parseRouteRules('{"GET /tenants/{tenant_id}/*": {}, "HEAD /tenants/{tenant_id}/*": {}}');

/** An app whose "verified token" is the claims given, behind requireRouteRules. */
function appWith(claims: Record<string, unknown>, refused: RouteDecision[] = []) {
  const app = new Hono<JwtAuthEnv>();
  app.use(async (c, next) => {
    c.set('jwt', { header: { alg: 'ES256' }, claims, principalId: 'p' });
    await next();
  });
  app.use(requireRouteRules(RULES, { onRefused: (decision) => refused.push(decision) }));
  app.on(['GET', 'POST'], '/tenants/:tenant/orders', (c) => c.text('ok'));
  return app;
}

describe('requireRouteRules', () => {
  it("passes a request the rules permit: the token's own tenant", async () => {
    const response = await appWith({ tenant_id: 't1' }).request('/tenants/t1/orders?page=2');
    expect(response.status).toBe(200);
  });

  it('answers 403 insufficient_scope for another tenant, another method, or a tenant it cannot place', async () => {
    const refused: RouteDecision[] = [];
    for (const [claims, method, path] of [
      [{ tenant_id: 't2' }, 'GET', '/tenants/t1/orders'],
      [{ tenant_id: 't1' }, 'POST', '/tenants/t1/orders'],
      [{ tenant_id: '*' }, 'GET', '/tenants/t1/orders'],
    ] as const) {
      const response = await appWith(claims, refused).request(path, { method });
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="api", error="insufficient_scope"');
      expect(await response.json()).toEqual({ error: 'insufficient_scope' });
    }
    expect(refused.map((decision) => decision.why.map((finding) => finding.unmet))).toEqual([
      [['{tenant_id} is "t2", the path has "t1"']],
      [],
      [['{tenant_id}: tenant_id holds characters other than A-Z a-z 0-9 . _ ~ - ("*")']],
    ]);
  });

  it('decides HEAD as HEAD, as API Gateway names it in the ARN', async () => {
    expect((await appWith({ tenant_id: 't1' }).request('/tenants/t1/orders', { method: 'HEAD' })).status).toBe(200);
  });
});
