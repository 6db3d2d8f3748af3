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

describe('createGateway with identity sources', () => {
  const counting = () => {
    const events: unknown[] = [];
    const authorizer: AuthorizerHandler = async (event) => {
      events.push(event);
      return allowing(`${STAGE}/*/*`)(event, {});
    };
    return { events, authorizer };
  };

  it('answers 401 without invoking when a query identity source is missing or empty, and caches by its value', async () => {
    const { events, authorizer } = counting();
    const gateway = createGateway({
      authorizerFor: () => authorizer,
      identitySources: [{ in: 'query', name: 'token' }],
    });
    const at = (url: string) => gateway.handle({ method: 'GET', url, headers: [] });
    expect(await at('/pets')).toMatchObject({ status: 401 });
    expect(await at('/pets?token=')).toMatchObject({ status: 401 });
    expect(await at('/pets?token=a')).toMatchObject({ status: 200, cache: 'miss' });
    expect(await at('/orders?token=a')).toMatchObject({ status: 200, cache: 'hit' });
    expect(await at('/pets?token=b')).toMatchObject({ status: 200, cache: 'miss' });
    expect(events).toHaveLength(2);
  });

  it('invokes the authorizer for every request, and caches nothing, without identity sources', async () => {
    const { events, authorizer } = counting();
    const gateway = createGateway({ authorizerFor: () => authorizer, identitySources: [] });
    for (let i = 0; i < 3; i += 1) {
      expect(await gateway.handle({ method: 'GET', url: '/pets', headers: [] })).toMatchObject({
        status: 200,
        cache: 'miss',
      });
    }
    expect(events).toHaveLength(3);
  });

  it('explains route rules with the token read from the configured sources', async () => {
    const gateway = createGateway({
      authorizerFor: () => allowing(`${STAGE}/GET/tenants/t1/*`),
      routeRules: RULES,
      identitySources: [{ in: 'header', name: 'Cookie' }],
      tokenSources: [{ kind: 'cookie', name: 'session' }],
    });
    const jwt = TOKEN.replace('Bearer ', '');
    const reply = await gateway.handle({
      method: 'GET',
      url: '/tenants/t1/x',
      headers: [['Cookie', `a=1; session=${jwt}`]],
    });
    expect(reply).toMatchObject({
      status: 200,
      route: { decision: { rule: { route: 'GET /tenants/{tenant_id}/*' } } },
    });
  });
});

describe('createGateway for a WebSocket API', () => {
  const CONNECT = 'arn:aws:execute-api:us-east-1:123456789012:localapi01/prod/$connect';
  const connect = (gateway: ReturnType<typeof createGateway>, url = '/?token=t') =>
    gateway.handle({ method: 'GET', url, headers: [['Upgrade', 'websocket']] });
  const websocket = (authorizer: AuthorizerHandler) =>
    createGateway({
      authorizerFor: () => authorizer,
      format: 'websocket',
      identitySources: [{ in: 'query', name: 'token' }],
    });

  it('sends a $connect event and evaluates the policy against the $connect ARN', async () => {
    let event: unknown;
    const stage = websocket(async (received) => {
      event = received;
      return allowing(`${STAGE}/*`)(received, {});
    });
    expect(await connect(stage)).toMatchObject({ status: 200, body: { principalId: 'u' } });
    expect(event).toMatchObject({ type: 'REQUEST', methodArn: CONNECT, queryStringParameters: { token: 't' } });
    expect(await connect(websocket(allowing(`${STAGE}/GET/*`)))).toMatchObject({
      status: 403,
      body: { message: 'Forbidden' },
    });
  });

  it('answers 401 for a missing identity source and Unauthorized, 500 for another error, as API Gateway does', async () => {
    const refusing = websocket(async () => {
      throw new Error('Unauthorized');
    });
    expect(await connect(refusing, '/')).toEqual({ status: 401, body: { message: 'Unauthorized' } });
    expect(await connect(refusing)).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
    const failing = websocket(async () => {
      throw new Error('boom');
    });
    expect(await connect(failing)).toMatchObject({ status: 500, body: { message: 'Internal server error' } });
  });
});
