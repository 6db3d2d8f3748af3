import { parseRouteRules } from '@jwt-authorizer/core';
import { b64json } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { describeRoute, explainRoute, permittedRoutes } from '../src/explain-route.ts';

const RULES = parseRouteRules(
  JSON.stringify({
    'GET /tenants/{tenant_id}/*': {},
    'POST /tenants/{tenant_id}/orders': { scope: 'orders:write' },
    'ANY /admin/*': { roles: 'admin' },
  }),
);
const identity = (claims: Record<string, unknown>) => `Bearer ${b64json({ alg: 'ES256' })}.${b64json(claims)}.sig`;

describe('explainRoute', () => {
  it("decides the request with the token's claims and lists the token's routes", () => {
    const explanation = explainRoute(RULES, identity({ tenant_id: 't1', roles: ['admin'] }), 'GET', '/tenants/t1/x');
    expect(explanation?.decision).toMatchObject({ permitted: true, rule: { route: 'GET /tenants/{tenant_id}/*' } });
    expect(permittedRoutes(explanation as NonNullable<typeof explanation>)).toEqual([
      'GET /tenants/t1/*',
      'ANY /admin/*',
    ]);
  });

  it('reads a bare token as well as a Bearer credential, and nothing from what is no token', () => {
    const bare = identity({ tenant_id: 't1' }).replace('Bearer ', '');
    expect(explainRoute(RULES, bare, 'GET', '/tenants/t1/x')?.decision.permitted).toBe(true);
    for (const broken of ['Bearer', 'Bearer a.%%%.c', `Bearer a.${b64json([1])}.c`, `Bearer a.${b64json(null)}.c`]) {
      expect(explainRoute(RULES, broken, 'GET', '/')).toBeUndefined();
    }
  });
});

describe('describeRoute', () => {
  it('says which rule permits the request, or why each rule naming it does not', () => {
    const own = explainRoute(RULES, identity({ tenant_id: 't1' }), 'POST', '/tenants/t1/orders');
    expect(describeRoute(own as NonNullable<typeof own>, 'POST /tenants/t1/orders')).toEqual([
      `"POST /tenants/{tenant_id}/orders" does not apply: the token's scopes hold none of "orders:write"`,
    ]);
    const other = explainRoute(RULES, identity({ tenant_id: 't2' }), 'GET', '/tenants/t1/orders');
    expect(describeRoute(other as NonNullable<typeof other>, 'GET /tenants/t1/orders')).toEqual([
      '"GET /tenants/{tenant_id}/*" does not apply: {tenant_id} is "t2", the path has "t1"',
    ]);
    const none = explainRoute(RULES, identity({}), 'GET', '/health');
    expect(describeRoute(none as NonNullable<typeof none>, 'GET /health')).toEqual(['no rule names GET /health']);
  });
});
