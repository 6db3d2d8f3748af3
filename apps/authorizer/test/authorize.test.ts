import { extractToken, parseTokenSources, type TokenSource } from '@jwt-authorizer/core';
import { createTestKey, signToken, type TestKey } from '@jwt-authorizer/test-fixtures';
import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../src/create-handler.js';
import { httpV2Event, restTokenEvent } from './support/events.js';

const PREFIX = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234';
const ROUTE_SCOPES = JSON.stringify({ 'GET /pets': ['pets:read'], 'ANY /admin/*': ['admin'] });

let key: TestKey;
beforeAll(async () => {
  key = await createTestKey('ES256');
});

function setUp(env: Record<string, string> = {}) {
  const lines: Array<Record<string, unknown>> = [];
  const handler = createHandler({
    env: { JWT_PUBLIC_KEY: key.publicPem, JWT_ALGORITHMS: 'ES256', ROUTE_SCOPES, ...env },
    log: (level, message, fields) => lines.push({ level, message, ...fields }),
  });
  return { invoke: (event: unknown) => handler(event as never, {} as Context) as Promise<unknown>, lines };
}

describe('ROUTE_SCOPES', () => {
  it('allows exactly the permitted routes of the stage, scopes read from scope or scp', async () => {
    const { invoke, lines } = setUp();
    const token = await signToken(key, { scope: 'pets:read profile' });
    expect(await invoke(restTokenEvent(`Bearer ${token}`, `${PREFIX}/prod/GET/admin/x`))).toMatchObject({
      principalId: 'user-1',
      policyDocument: { Statement: [{ Effect: 'Allow', Resource: `${PREFIX}/prod/GET/pets` }] },
    });
    // Allowed on other routes, so API Gateway answers 403 here: the log says so.
    expect(lines.at(-1)).toMatchObject({ outcome: 'allow', coversRequest: false });
    const admin = await signToken(key, { scp: ['admin', 'pets:read'] });
    const response = (await invoke(restTokenEvent(`Bearer ${admin}`, `${PREFIX}/prod/GET/pets`))) as {
      policyDocument: { Statement: Array<{ Resource: string[] }> };
    };
    expect(response.policyDocument.Statement[0]?.Resource).toHaveLength(8);
  });

  it('answers a valid token with no permitted route with a Deny policy (403), not Unauthorized (401)', async () => {
    const { invoke, lines } = setUp();
    const token = await signToken(key, { scope: 'other' });
    expect(await invoke(restTokenEvent(`Bearer ${token}`, `${PREFIX}/prod/GET/pets`))).toEqual({
      principalId: 'user-1',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: `${PREFIX}/prod/*/*` }],
      },
    });
    expect(lines.at(-1)).toMatchObject({ level: 'WARN', outcome: 'deny', principal: 'user-1', coversRequest: false });
  });

  it('answers HTTP API simple responses for the route called, as the policy would', async () => {
    const { invoke } = setUp();
    const token = `Bearer ${await signToken(key, { scope: 'pets:read' })}`;
    expect(await invoke(httpV2Event([token], `${PREFIX}/$default/GET/pets`))).toMatchObject({ isAuthorized: true });
    expect(await invoke(httpV2Event([token], `${PREFIX}/$default/GET/admin/x`))).toEqual({ isAuthorized: false });
  });
});

describe('ROUTE_RULES', () => {
  const ROUTE_RULES = JSON.stringify({
    'GET /tenants/{tenant_id}/*': {},
    'DELETE /tenants/{tenant_id}/*': { '/realm_access/roles': 'admin' },
  });
  const rules = (env: Record<string, string> = {}) => setUp({ ROUTE_SCOPES: '', ROUTE_RULES, ...env });

  it("lists the token's own routes, substituted, and logs the rule that permits the request", async () => {
    const { invoke, lines } = rules();
    const token = await signToken(key, { tenant_id: 't1', realm_access: { roles: ['admin'] } });
    expect(await invoke(restTokenEvent(`Bearer ${token}`, `${PREFIX}/prod/DELETE/tenants/t1/orders/7`))).toMatchObject({
      policyDocument: {
        Statement: [
          { Effect: 'Allow', Resource: [`${PREFIX}/prod/GET/tenants/t1/*`, `${PREFIX}/prod/DELETE/tenants/t1/*`] },
        ],
      },
    });
    expect(lines.at(-1)).toMatchObject({
      outcome: 'allow',
      coversRequest: true,
      rule: 'DELETE /tenants/{tenant_id}/*',
    });
  });

  it("allows a token only its own tenant's routes: another tenant's path is a 403, and the log has no rule", async () => {
    const { invoke, lines } = rules();
    const token = await signToken(key, { tenant_id: 't2' });
    expect(await invoke(restTokenEvent(`Bearer ${token}`, `${PREFIX}/prod/GET/tenants/t1/orders`))).toMatchObject({
      policyDocument: { Statement: [{ Effect: 'Allow', Resource: `${PREFIX}/prod/GET/tenants/t2/*` }] },
    });
    expect(lines.at(-1)).toMatchObject({ outcome: 'allow', coversRequest: false });
    expect(lines.at(-1)?.['rule']).toBeUndefined(); // a JSON log line leaves the member out
  });

  it('denies a token whose placeholder value could widen a resource (403), rather than substituting it', async () => {
    const { invoke, lines } = rules();
    for (const tenant_id of ['*', 't1/*', '..', 'a?b', 't'.repeat(65)]) {
      const token = await signToken(key, { tenant_id });
      expect(await invoke(restTokenEvent(`Bearer ${token}`, `${PREFIX}/prod/GET/tenants/t1/x`))).toMatchObject({
        policyDocument: { Statement: [{ Effect: 'Deny', Resource: `${PREFIX}/prod/*/*` }] },
      });
      expect(lines.at(-1)).toMatchObject({ outcome: 'deny' });
    }
  });

  it('answers HTTP API simple responses for the route of the event', async () => {
    const { invoke } = rules();
    const token = `Bearer ${await signToken(key, { tenant_id: 't1' })}`;
    expect(await invoke(httpV2Event([token], `${PREFIX}/$default/GET/tenants/t1/a`))).toMatchObject({
      isAuthorized: true,
    });
    expect(await invoke(httpV2Event([token], `${PREFIX}/$default/GET/tenants/t2/a`))).toEqual({ isAuthorized: false });
    expect(await invoke(httpV2Event([token], `${PREFIX}/$default/DELETE/tenants/t1/a`))).toEqual({
      isAuthorized: false,
    });
  });

  it('fails the init when ROUTE_SCOPES is set too', () => {
    expect(() => setUp({ ROUTE_RULES })).toThrow(/^ROUTE_SCOPES \+ ROUTE_RULES: set at most one/);
  });
});

describe('the context of a remembered token', () => {
  it('is built once the verifier remembers the token (its second verification), then served as it is', async () => {
    const { invoke } = setUp({ ROUTE_SCOPES: '' });
    const token = await signToken(key, { scope: 'pets:read' });
    const event = () => restTokenEvent(`Bearer ${token}`, `${PREFIX}/prod/GET/pets`);
    const contexts = [];
    for (const _ of [1, 2, 3, 4]) contexts.push(((await invoke(event())) as { context: object }).context);
    expect(contexts[0]).toEqual(contexts[1]);
    expect(contexts[0]).not.toBe(contexts[1]); // seen once: not remembered, nothing memoized for it
    expect(contexts[2]).toBe(contexts[1]);
    expect(contexts[3]).toBe(contexts[1]);
  });
});

describe("a TOKEN event's Authorization value", () => {
  it('is read as extractToken reads the Authorization header, refusals by the same reason', async () => {
    const { invoke, lines } = setUp({ ROUTE_SCOPES: '' });
    const token = await signToken(key);
    const values = [
      undefined,
      '',
      '   ',
      'Bearer',
      'Bearer ',
      `Bearer ${token}`,
      `bearer  ${token}`,
      `BEARER ${token}`,
      `Bearer\t${token}`,
      `Basic ${token}`,
      token,
      'Bearer a.b',
      `Bearer ${token} x`,
      `Bearer ${'a'.repeat(9000)}`,
    ];
    const [authorization] = parseTokenSources('header:Authorization') as [TokenSource];
    for (const value of values) {
      let expected = 'allow';
      try {
        extractToken({ headers: { Authorization: value } }, { sources: [authorization] });
      } catch (error) {
        expected = (error as { code: string }).code;
      }
      await invoke({ type: 'TOKEN', authorizationToken: value, methodArn: `${PREFIX}/prod/GET/pets` }).catch(() => {});
      const line = lines.at(-1);
      expect({ value: value?.slice(0, 20), read: line?.['reason'] ?? line?.['outcome'] }).toEqual({
        value: value?.slice(0, 20),
        read: expected,
      });
    }
  });
});

describe('the decision line', () => {
  it('holds the facts of its own request when one decision follows the same one, or another', async () => {
    const { invoke, lines } = setUp({ ROUTE_SCOPES: '' });
    const [a, b] = await Promise.all([signToken(key, { sub: 'a' }), signToken(key, { sub: 'b' })]);
    const arn = `${PREFIX}/prod/GET/pets`;
    for (const token of [a, a, b, a]) await invoke(restTokenEvent(`Bearer ${token}`, arn));
    await invoke(httpV2Event([`Bearer ${a}`], `${PREFIX}/$default/GET/pets`));
    const decisions = lines.filter(({ message }) => message === 'authorization decision');
    expect(decisions.map(({ principal, format }) => ({ principal, format }))).toEqual([
      { principal: 'a', format: 'rest-token' },
      { principal: 'a', format: 'rest-token' },
      { principal: 'b', format: 'rest-token' },
      { principal: 'a', format: 'rest-token' },
      { principal: 'a', format: 'http-2.0' },
    ]);
  });
});
