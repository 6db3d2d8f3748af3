import { describe, expect, it } from 'vitest';
import { evaluateRoutes, matchResource, parseRouteRules, parseRouteScopes, routeResources } from '../src/index.js';

const PREFIX = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234';
const ARN = `${PREFIX}/prod/GET/pets/42`;
const RULES = parseRouteScopes(
  JSON.stringify({
    'GET /pets': ['pets:read'],
    'GET /admin/*': ['admin'],
    'ANY /orders': ['orders'],
    'GET /health': [],
  }),
);
const resourcesFor = (claims: Record<string, unknown>, rules = RULES, arn = ARN) =>
  routeResources(evaluateRoutes(rules, claims), arn);
const permits = (resources: string[], method: string, path: string, stage = 'prod') =>
  resources.some((resource) => matchResource(resource, `${PREFIX}/${stage}/${method}/${path}`));

describe('routeResources', () => {
  it('allows exactly the routes whose scopes the token holds, across the calling stage', () => {
    expect(resourcesFor({ scope: 'pets:read' })).toEqual([`${PREFIX}/prod/GET/pets`, `${PREFIX}/prod/GET/health`]);
  });

  it('gives nothing when no rule permits the token (the caller denies)', () => {
    expect(resourcesFor({ scope: 'other' }, parseRouteScopes('{"GET /pets": ["pets:read"]}'))).toEqual([]);
  });

  it('keeps "GET /admin/*" to GET below /admin, although IAM\'s * crosses "/"', () => {
    const resources = resourcesFor({ scope: 'admin' });
    expect(permits(resources, 'GET', 'admin/users')).toBe(true);
    expect(permits(resources, 'GET', 'admin/users/1/keys')).toBe(true);
    expect(permits(resources, 'GET', 'admin')).toBe(false);
    expect(permits(resources, 'GET', 'administrators')).toBe(false);
    expect(permits(resources, 'POST', 'admin/users')).toBe(false);
    expect(permits(resources, 'GET', 'public/admin/x')).toBe(false);
    expect(permits(resources, 'GET', 'admin/x', 'dev')).toBe(false);
  });

  it('expands ANY into each method rather than a "*" that would reach other paths', () => {
    const resources = resourcesFor({ scope: 'orders' });
    expect(resources).not.toContainEqual(expect.stringContaining('/prod/*/'));
    expect(permits(resources, 'DELETE', 'orders')).toBe(true);
    expect(permits(resources, 'GET', 'x/orders')).toBe(false);
    expect(permits(resources, 'GET', 'orders/1')).toBe(false);
  });

  it('permits a route when the token holds any one of its scopes', () => {
    const rules = parseRouteScopes(JSON.stringify({ 'GET /reports': ['reports:read', 'admin'] }));
    expect(resourcesFor({ scp: ['admin'] }, rules)).toHaveLength(1);
    expect(resourcesFor({ scp: ['other'] }, rules)).toHaveLength(0);
  });

  it("puts the token's own values in place of placeholders, on the calling stage, API, account and partition", () => {
    const rules = parseRouteRules('{"GET /tenants/{tenant_id}/*": {}}');
    const arn = 'arn:aws-cn:execute-api:cn-north-1:210987654321:zyxw987654/v2/GET/anything';
    expect(resourcesFor({ tenant_id: 't-1' }, rules, arn)).toEqual([
      'arn:aws-cn:execute-api:cn-north-1:210987654321:zyxw987654/v2/GET/tenants/t-1/*',
    ]);
  });

  it('lists a resource once when two rules give the same one', () => {
    const rules = parseRouteRules('{"GET /a": {"role": "x"}, "ANY /a": {}}');
    expect(resourcesFor({ role: 'x' }, rules)).toHaveLength(7);
  });
});
