import { parseRouteRules } from '@jwt-authorizer/core';
import { b64json } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { type AuthorizerHandler, createGateway } from '../src/create-gateway.ts';

const STAGE = 'arn:aws:execute-api:us-east-1:123456789012:localapi01/prod';
const RULES = parseRouteRules('{"GET /tenants/{tenant_id}/*": {}}');
const TOKEN = `Bearer ${b64json({ alg: 'ES256' })}.${b64json({ sub: 'u', tenant_id: 't1' })}.sig`;
const allowing =
  (...resources: string[]): AuthorizerHandler =>
  async () => ({
    principalId: 'u',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resources }],
    },
  });
const get = (path: string) => ({ method: 'GET', url: path, headers: [['Authorization', TOKEN]] as const });

describe('createGateway with route rules', () => {
  it('explains each accepted request with the rules, on cache hits too, without changing an answer', async () => {
    const lines: string[] = [];
    const authorizer = allowing(`${STAGE}/GET/tenants/t1/*`);
    const gateway = createGateway({
      authorizerFor: () => authorizer,
      routeRules: RULES,
      log: (line) => lines.push(line),
    });
    const own = await gateway.handle(get('/tenants/t1/orders'));
    expect(own).toMatchObject({
      status: 200,
      cache: 'miss',
      route: { decision: { rule: { route: 'GET /tenants/{tenant_id}/*' } } },
    });
    const other = await gateway.handle(get('/tenants/t2/orders'));
    expect(other).toMatchObject({ status: 403, cache: 'hit', route: { decision: { permitted: false } } });
    expect(other.route?.decision.why[0]?.unmet).toEqual(['{tenant_id} is "t1", the path has "t2"']);
    expect(lines).toEqual([]);
  });

  it('says so when the response and the rules disagree', async () => {
    const lines: string[] = [];
    const gateway = createGateway({
      authorizerFor: () => allowing(`${STAGE}/*/*`),
      routeRules: RULES,
      cacheTtlSeconds: 0,
      log: (line) => lines.push(line),
    });
    expect(await gateway.handle(get('/tenants/t2/orders'))).toMatchObject({ status: 200 });
    expect(lines).toEqual(['local-gateway: the route rules refuse GET /tenants/t2/orders, the response allows it']);
  });

  it('explains nothing without rules, nor a request the authorizer refused', async () => {
    expect(await createGateway({ authorizerFor: () => allowing(`${STAGE}/*/*`) }).handle(get('/x'))).not.toHaveProperty(
      'route',
    );
    const refusing = createGateway({
      authorizerFor: () => async () => {
        throw new Error('Unauthorized');
      },
      routeRules: RULES,
    });
    expect(await refusing.handle(get('/tenants/t1/x'))).not.toHaveProperty('route');
  });
});
