import { describe, expect, it } from 'vitest';
import { matchResource, parseRouteScopes, routeResources, tokenScopes } from '../src/index.js';

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
const permits = (resources: string[], method: string, path: string, stage = 'prod') =>
  resources.some((resource) => matchResource(resource, `${PREFIX}/${stage}/${method}/${path}`));

describe('routeResources', () => {
  it('allows exactly the routes whose scopes the token holds, across the calling stage', () => {
    const resources = routeResources(RULES, new Set(['pets:read']), ARN);
    expect(resources).toEqual([`${PREFIX}/prod/GET/pets`, `${PREFIX}/prod/GET/health`]);
  });

  it('gives nothing when no rule permits the token (the caller denies)', () => {
    const rules = parseRouteScopes('{"GET /pets": ["pets:read"]}');
    expect(routeResources(rules, new Set(['other']), ARN)).toEqual([]);
  });

  it('keeps "GET /admin/*" to GET below /admin, although IAM\'s * crosses "/"', () => {
    const resources = routeResources(RULES, new Set(['admin']), ARN);
    expect(permits(resources, 'GET', 'admin/users')).toBe(true);
    expect(permits(resources, 'GET', 'admin/users/1/keys')).toBe(true);
    expect(permits(resources, 'GET', 'admin')).toBe(false);
    expect(permits(resources, 'GET', 'administrators')).toBe(false);
    expect(permits(resources, 'POST', 'admin/users')).toBe(false);
    expect(permits(resources, 'GET', 'public/admin/x')).toBe(false);
    expect(permits(resources, 'GET', 'admin/x', 'dev')).toBe(false);
  });

  it('expands ANY into each method rather than a "*" that would reach other paths', () => {
    const resources = routeResources(RULES, new Set(['orders']), ARN);
    expect(resources).not.toContainEqual(expect.stringContaining('/prod/*/'));
    expect(permits(resources, 'DELETE', 'orders')).toBe(true);
    expect(permits(resources, 'GET', 'x/orders')).toBe(false);
    expect(permits(resources, 'GET', 'orders/1')).toBe(false);
  });
});

describe('tokenScopes', () => {
  it('reads the space-separated scope claim and scp as a string or an array', () => {
    expect([...tokenScopes({ scope: ' a  b ', scp: ['c', 1, 'd e'] })]).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([...tokenScopes({ scp: 'x y' })]).toEqual(['x', 'y']);
    expect([...tokenScopes({ scope: 42 })]).toEqual([]);
  });
});

describe('matchResource', () => {
  it('follows IAM: * is any run of characters, / included; ? one character', () => {
    expect(matchResource('a/*/c', 'a/b/x/c')).toBe(true);
    expect(matchResource('a/?/c', 'a/b/c')).toBe(true);
    expect(matchResource('a/?/c', 'a/bb/c')).toBe(false);
    expect(matchResource('a.b', 'axb')).toBe(false);
  });
});

describe('routeResources with several scopes on one rule', () => {
  it('permits the route when the token holds any one of them', async () => {
    const { parseRouteScopes, routeResources } = await import('../src/index.js');
    const rules = parseRouteScopes(JSON.stringify({ 'GET /reports': ['reports:read', 'admin'] }));
    const arn = 'arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/reports';
    expect(routeResources(rules, new Set(['admin']), arn)).toHaveLength(1);
    expect(routeResources(rules, new Set(['other']), arn)).toHaveLength(0);
  });
});
