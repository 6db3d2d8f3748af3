import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideRoute,
  evaluateRoutes,
  matchResource,
  parseRouteRules,
  parseRouteScopes,
  routeResources,
} from '../src/index.js';

const RULES = parseRouteRules(
  JSON.stringify({
    'GET /': {},
    'GET /health': {},
    'ANY /admin/*': { 'cognito:groups': 'admins' },
    'GET /tenants/{tenant_id}/*': {},
    'POST /tenants/{tenant_id}/orders': { scope: 'orders:write' },
  }),
);
const decide = (claims: Record<string, unknown>, method: string, path: string) =>
  decideRoute(RULES, claims, method, path);

describe('decideRoute', () => {
  it('permits a request a rule covers, naming the first such rule', () => {
    const decision = decide({ tenant_id: 't1' }, 'GET', '/tenants/t1/orders');
    expect(decision).toMatchObject({ permitted: true, rule: { route: 'GET /tenants/{tenant_id}/*' } });
    expect(decision.why).toEqual([{ rule: decision.rule, permitted: true, unmet: [] }]);
    expect(decide({}, 'GET', '/health')).toMatchObject({ permitted: true, rule: { route: 'GET /health' } });
    expect(decide({}, 'GET', '/')).toMatchObject({ permitted: true, rule: { route: 'GET /' } });
    expect(decide({}, 'GET', '')).toMatchObject({ permitted: true, rule: { route: 'GET /' } });
  });

  it('gives a placeholder one whole segment: an empty segment binds no rule', () => {
    const rules = parseRouteRules(JSON.stringify({ 'GET /{sub}': {} }));
    expect(decideRoute(rules, { sub: 'x' }, 'GET', '/x').permitted).toBe(true);
    expect(decideRoute(rules, { sub: 'x' }, 'GET', '//x')).toEqual({ permitted: false, rule: undefined, why: [] });
  });

  it("says a path of another tenant is not the token's", () => {
    const decision = decide({ tenant_id: 't2' }, 'GET', '/tenants/t1/orders');
    expect(decision).toMatchObject({ permitted: false, rule: undefined });
    expect(decision.why).toMatchObject([
      {
        rule: { route: 'GET /tenants/{tenant_id}/*' },
        permitted: false,
        unmet: ['{tenant_id} is "t2", the path has "t1"'],
      },
    ]);
  });

  it('says why each rule naming the route does not apply, and names only those rules', () => {
    const decision = decide({ tenant_id: '*' }, 'POST', '/tenants/t1/orders');
    expect(decision.permitted).toBe(false);
    expect(decision.why.map((finding) => [finding.rule.route, finding.unmet])).toEqual([
      [
        'POST /tenants/{tenant_id}/orders',
        [
          `the token's scopes hold none of "orders:write"`,
          '{tenant_id}: tenant_id holds characters other than A-Z a-z 0-9 . _ ~ - ("*")',
        ],
      ],
    ]);
    expect(decide({}, 'GET', '/nowhere')).toEqual({ permitted: false, rule: undefined, why: [] });
  });

  it('follows IAM at the edges of a last-segment "*": below it at any depth, and an empty rest, not the parent', () => {
    const admin = { 'cognito:groups': ['admins'] };
    expect(decide(admin, 'DELETE', '/admin/users/1/keys').permitted).toBe(true);
    expect(decide(admin, 'GET', '/admin/').permitted).toBe(true);
    expect(decide(admin, 'GET', '/admin').permitted).toBe(false);
    expect(decide(admin, 'GET', '/administrators').permitted).toBe(false);
    expect(decide({ tenant_id: 't1' }, 'GET', '/tenants/t1').permitted).toBe(false);
    expect(decide({ tenant_id: 't1' }, 'GET', '/tenants/t10/x').permitted).toBe(false);
  });

  it('decides the method exactly: ANY is the seven verbs, and HEAD is not GET', () => {
    const admin = { 'cognito:groups': 'admins' };
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) {
      expect(decide(admin, method, '/admin/x').permitted).toBe(true);
    }
    expect(decide(admin, 'get', '/admin/x').permitted).toBe(false);
    expect(decide({}, 'HEAD', '/health').permitted).toBe(false);
  });

  it('reads a path with or without its leading slash, and never lets a longer value pass for the literal one', () => {
    expect(decide({}, 'GET', 'health').permitted).toBe(true);
    const orgs = parseRouteRules('{"GET /orgs/{org}": {}, "GET /orgs/{org}/users/{user}": {}}');
    expect(decideRoute(orgs, { org: 'o1' }, 'GET', '/orgs/o10').permitted).toBe(false);
    expect(decideRoute(orgs, { org: 'o1' }, 'GET', '/orgs/o1').permitted).toBe(true);
    expect(decideRoute(orgs, { org: 'o1', user: 'u1' }, 'GET', '/orgs/o1/users/u2').why).toMatchObject([
      { permitted: false, unmet: ['{user} is "u1", the path has "u2"'] },
    ]);
    expect(decideRoute(orgs, { org: 'o1', user: 'u1' }, 'GET', '/orgs/o2/users/u2').why[0]?.unmet).toEqual([
      '{org} is "o1", the path has "o2"',
      '{user} is "u1", the path has "u2"',
    ]);
  });

  it('names no rule for a path shorter than its route', () => {
    expect(decide({ 'cognito:groups': 'admins' }, 'GET', '/admin').why).toEqual([]);
    expect(decide({ tenant_id: 't1' }, 'GET', '/tenants/t1').why).toEqual([]);
  });

  it('decides ROUTE_SCOPES rules alike', () => {
    const rules = parseRouteScopes('{"GET /pets": ["pets:read"]}');
    expect(decideRoute(rules, { scp: ['pets:read'] }, 'GET', '/pets').permitted).toBe(true);
    expect(decideRoute(rules, { scope: 'other' }, 'GET', '/pets').why).toMatchObject([
      { permitted: false, unmet: [`the token's scopes hold none of "pets:read"`] },
    ]);
  });
});

// PROPERTY_RUNS lowers it where the suite runs hundreds of times (the mutation command sets it).
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);
const PREFIX = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod';

// Few words, so that rules, claims and requests meet often.
const word = fc.constantFrom('a', 'b', 't1', 't2');
const segment = fc.oneof(word, fc.constant('{t}'), fc.constant('{/o/id}'));
const route = fc
  .tuple(fc.constantFrom('GET', 'POST', 'ANY'), fc.array(segment, { maxLength: 3 }), fc.boolean())
  .map(([method, segments, wildcard]) => `${method} /${[...segments, ...(wildcard ? ['*'] : [])].join('/')}`);
const conditions = fc.dictionary(
  fc.constantFrom('g', 'scope', '/o/roles'),
  fc.array(word, { minLength: 1, maxLength: 2 }),
  {
    maxKeys: 2,
  },
);
// Rule sets whose largest policy would not fit are refused at cold start: left out here.
const rules = fc
  .dictionary(route, conditions, { minKeys: 1, maxKeys: 4 })
  .map((raw) => {
    try {
      return parseRouteRules(JSON.stringify(raw));
    } catch {
      return undefined;
    }
  })
  .filter((parsed) => parsed !== undefined);
const value = fc.oneof(word, fc.constantFrom('', '*', 'a/b', '..', 7));
const claims = fc.record(
  { t: value, g: fc.oneof(word, fc.array(word)), scope: word, o: fc.record({ id: value, roles: fc.array(word) }) },
  { requiredKeys: [] },
);
const request = fc.tuple(
  fc.constantFrom('GET', 'POST', 'PUT'),
  fc.array(fc.oneof(word, fc.constant('')), { maxLength: 4 }).map((segments) => segments.join('/')),
);

describe('decideRoute (properties)', () => {
  it('permits a request exactly when the policy built from the same rules matches its ARN', () => {
    fc.assert(
      fc.property(rules, claims, request, (parsed, token, [method, path]) => {
        const arn = `${PREFIX}/${method}/${path}`;
        const resources = routeResources(evaluateRoutes(parsed, token), arn);
        const decision = decideRoute(parsed, token, method, `/${path}`);
        expect(decision.permitted).toBe(resources.some((resource) => matchResource(resource, arn)));
        expect(decision.permitted).toBe(decision.why.some((finding) => finding.permitted));
      }),
      { numRuns: RUNS },
    );
  });
});
