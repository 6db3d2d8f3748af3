import { describe, expect, it } from 'vitest';
import { evaluateRoutes, evaluateRule, parseRouteRules, type RouteRule } from '../src/index.js';

const only = (raw: string): RouteRule => parseRouteRules(raw)[0] as RouteRule;

describe('evaluateRoutes', () => {
  const rules = parseRouteRules(
    JSON.stringify({
      'GET /health': {},
      'GET /pets/*': { scope: 'pets:read' },
      'ANY /admin/*': { 'cognito:groups': 'admins', email_verified: true },
      'GET /tenants/{tenant_id}/*': {},
      'DELETE /tenants/{tenant_id}/*': { '/realm_access/roles': ['owner', 'admin'] },
    }),
  );
  const paths = (claims: Record<string, unknown>) => evaluateRoutes(rules, claims).map((route) => route.rule.route);

  it('gives every rule whose conditions all hold, in order', () => {
    expect(paths({})).toEqual(['GET /health']);
    expect(paths({ scope: 'pets:read', 'cognito:groups': ['admins'], email_verified: true })).toEqual([
      'GET /health',
      'GET /pets/*',
      'ANY /admin/*',
    ]);
  });

  it('needs every condition of a rule (AND), any value of one condition (OR)', () => {
    expect(paths({ 'cognito:groups': ['admins'] })).not.toContain('ANY /admin/*');
    expect(paths({ 'cognito:groups': ['admins'], email_verified: 'true' })).not.toContain('ANY /admin/*');
    const owner = { tenant_id: 't1', realm_access: { roles: ['owner'] } };
    expect(evaluateRoutes(rules, owner).map((route) => `${route.methods.join('|')} ${route.path}`)).toEqual([
      'GET health',
      'GET tenants/t1/*',
      'DELETE tenants/t1/*',
    ]);
  });

  it('gives nothing of a rule whose placeholder the token cannot fill, and the rest as usual', () => {
    for (const tenant_id of [undefined, '', '*', 't1/*', '..', 42, ['t1'], 'x'.repeat(65)]) {
      expect(paths({ tenant_id })).toEqual(['GET /health']);
    }
  });
});

describe('evaluateRule', () => {
  it('substitutes each placeholder with the claim it names', () => {
    const rule = only('{"GET /orgs/{/org/id}/users/{sub}": {}}');
    expect(evaluateRule(rule, { org: { id: 'o-1' }, sub: 'u.2' })).toEqual({
      permitted: true,
      route: { rule, methods: ['GET'], path: 'orgs/o-1/users/u.2' },
    });
  });

  it('says, condition by condition, why a rule does not apply', () => {
    const rule = only(
      JSON.stringify({
        'GET /t/{tenant_id}/*': {
          scope: 'orders:read',
          role: ['admin', 'owner'],
          'cognito:groups': 'admins',
          level: 3,
        },
      }),
    );
    const evaluation = evaluateRule(rule, { role: 'reader', 'cognito:groups': ['users'], tenant_id: 'a/b' });
    expect(evaluation).toEqual({
      permitted: false,
      unmet: [
        `the token's scopes hold none of "orders:read"`,
        'role is "reader", not one of "admin", "owner"',
        'cognito:groups holds none of "admins"',
        'level is missing (needs 3)',
        '{tenant_id}: tenant_id holds characters other than A-Z a-z 0-9 . _ ~ - ("a/b")',
      ],
    });
  });

  it('shortens a long claim value in its reason', () => {
    const evaluation = evaluateRule(only('{"GET /x": {"role": "admin"}}'), { role: 'r'.repeat(200) });
    expect(evaluation).toEqual({ permitted: false, unmet: [`role is "${'r'.repeat(76)}..., not "admin"`] });
  });
});
