import { parseRouteRules, policyResource, type VerifiedToken } from '@jwt-authorizer/core';
import { describe, expect, it } from 'vitest';
import { createRouteAccess } from '../src/route-access.js';

const PREFIX = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod';
const token = (claims: Record<string, unknown>): VerifiedToken => ({
  header: { alg: 'ES256' },
  claims,
  principalId: 'p',
});
const RULES = parseRouteRules(
  JSON.stringify({ 'GET /tenants/{tenant_id}/*': {}, 'ANY /admin/*': { 'cognito:groups': 'admins' } }),
);

describe('createRouteAccess', () => {
  it('without rules, gives the configured resource, covering the request when it matches', () => {
    const access = createRouteAccess({ routeRules: undefined });
    const arn = `${PREFIX}/GET/pets`;
    expect(access(token({}), arn, policyResource('stage', arn))).toEqual({
      resources: [`${PREFIX}/*/*`],
      coversRequest: true,
    });
    const other = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/GET/pets';
    expect(access(token({}), arn, other).coversRequest).toBe(false);
  });

  it('without rules, knows that a stage or method resource covers the ARN it was made from', () => {
    const arn = `${PREFIX}/GET/pets`;
    for (const resource of ['stage', 'method'] as const) {
      const access = createRouteAccess({ routeRules: undefined, policyResource: resource });
      expect(access(token({}), arn, policyResource(resource, arn)).coversRequest).toBe(true);
    }
    const literal = createRouteAccess({ routeRules: undefined, policyResource: { pattern: `${PREFIX}/GET/admin/*` } });
    expect(literal(token({}), arn, `${PREFIX}/GET/admin/*`).coversRequest).toBe(false);
  });

  it('with rules, lists every permitted route of the stage and names the rule that permits this request', () => {
    const access = createRouteAccess({ routeRules: RULES });
    const arn = `${PREFIX}/GET/tenants/t1/orders`;
    expect(access(token({ tenant_id: 't1' }), arn, policyResource('stage', arn))).toEqual({
      resources: [`${PREFIX}/GET/tenants/t1/*`],
      coversRequest: true,
      rule: 'GET /tenants/{tenant_id}/*',
    });
  });

  it("lists the token's routes but covers no request of another tenant, and gives nothing to a token it cannot place", () => {
    const access = createRouteAccess({ routeRules: RULES });
    const arn = `${PREFIX}/GET/tenants/t1/orders`;
    expect(access(token({ tenant_id: 't2' }), arn, '')).toEqual({
      resources: [`${PREFIX}/GET/tenants/t2/*`],
      coversRequest: false,
    });
    expect(access(token({ tenant_id: 't1/*' }), arn, '')).toEqual({ resources: [], coversRequest: false });
  });

  it('evaluates a remembered token once, and puts each request on its own stage', () => {
    const access = createRouteAccess({ routeRules: RULES });
    const verified = token({ tenant_id: 't1' });
    access(verified, `${PREFIX}/GET/x`, '');
    (verified.claims as Record<string, unknown>)['tenant_id'] = 'changed';
    const dev = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/GET/tenants/t1/x';
    expect(access(verified, dev, '').resources).toEqual([
      'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/GET/tenants/t1/*',
    ]);
  });
});
