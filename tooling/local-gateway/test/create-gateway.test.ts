import { createHandler } from '@jwt-authorizer/authorizer/src/create-handler.ts';
import { decideRoute, parseRouteRules, type RouteRule } from '@jwt-authorizer/core';
import { b64json, createTestKey, signToken, type TestKey } from '@jwt-authorizer/test-fixtures';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AuthorizerHandler, createGateway } from '../src/create-gateway.ts';
import { evaluatePolicy, type PolicyStatementLike } from '../src/evaluate-policy.ts';

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

// The contract of ROUTE_RULES, refereed three ways for random rule sets, tokens and requests: the Lambda's own
// handler answers, this gateway evaluates its policy with IAM's wildcards (evaluate-policy.ts, written apart from
// core's matcher), core's decideRoute decides the request, and `permits` below, a plain reading of the contract
// written apart from core, says what should happen. All must agree; no policy may name anything but the calling
// stage, nor hold a substituted value that could widen a resource.
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 500);

const LONG = 'l'.repeat(64);
const TOO_LONG = 'l'.repeat(65);
// 't1' is a prefix of 't10': a policy that matched by prefix where IAM does not would show.
const WORDS = ['a', 'b', 't1', 't10', 't2', 'x.y', LONG];
const NAMES = ['g', 'scope', '/o/roles', 'https://e.x/roles', 'n'];
const PLACEHOLDERS = ['{t}', '{/o/id}', '{https://e.x/t}'];

type RawRules = Record<string, Record<string, unknown>>;
type Claims = Record<string, unknown>;

const word = fc.constantFrom(...WORDS);
const conditionValue = fc.oneof(word, fc.constantFrom(1, 2, true, false));
const rawRules: fc.Arbitrary<RawRules> = fc.dictionary(
  fc
    .tuple(
      fc.constantFrom('GET', 'POST', 'DELETE', 'GET', 'POST', 'ANY'),
      fc.array(fc.oneof(word, fc.constantFrom(...PLACEHOLDERS)), { maxLength: 3 }),
      fc.boolean(),
    )
    .map(([method, segments, wildcard]) => `${method} /${[...segments, ...(wildcard ? ['*'] : [])].join('/')}`),
  fc.oneof(
    fc.constant({}),
    fc.dictionary(
      fc.constantFrom(...NAMES),
      fc.oneof(conditionValue, fc.array(conditionValue, { minLength: 1, maxLength: 3 })),
      { minKeys: 1, maxKeys: 2 },
    ),
  ),
  { minKeys: 1, maxKeys: 4 },
);
// Rule sets parsed by the Lambda's parser; those too large for API Gateway's response are refused at init, left out.
const ruleSets = rawRules
  .map((raw) => ({ raw, parsed: tryParse(raw) }))
  .filter((set): set is { raw: RawRules; parsed: RouteRule[] } => set.parsed !== undefined);

// Values a placeholder may meet, hostile ones among them.
const placeholderValue = fc.oneof(
  { arbitrary: word, weight: 4 },
  fc.constantFrom('', '*', 'a*', '?', 't1/*', 'a/b', '.', '..', TOO_LONG, 7, null, ['t1']),
);
const scalarOrList = fc.oneof(conditionValue, fc.array(conditionValue, { maxLength: 3 }));
const claims: fc.Arbitrary<Claims> = fc.record(
  {
    t: placeholderValue,
    'https://e.x/t': placeholderValue,
    o: fc.record({ id: placeholderValue, roles: scalarOrList }, { requiredKeys: ['id'] }),
    g: scalarOrList,
    'https://e.x/roles': scalarOrList,
    n: conditionValue,
    scope: fc.array(word, { maxLength: 3 }).map((scopes) => scopes.join(' ')),
    scp: fc.array(word, { maxLength: 2 }),
  },
  { requiredKeys: ['t', 'o'] },
);
// Request paths as a client sends them: no dot-segments (URL parsing resolves them before anything else), no "*" or
// "?" (an ARN holding an IAM wildcard is refused: API Gateway's 500, outside this contract).
const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
  path: fc
    .tuple(fc.array(fc.oneof(word, fc.constantFrom('%2A', 'q', TOO_LONG)), { maxLength: 4 }), fc.boolean())
    .map(([segments, slash]) => `/${segments.join('/')}${slash && segments.length > 0 ? '/' : ''}`),
});

/** A request on one of the rules' own routes: placeholders filled with the token's values or other words. */
const requestFor = (rules: RawRules, token: Claims) =>
  fc.constantFrom(...Object.keys(rules)).chain((key) => {
    const [method = '', path = ''] = key.split(' ');
    const segments = path.slice(1).match(/\{[^}]*\}|[^/]+/g) ?? [];
    const fill = (segment: string) => {
      if (segment === '*') return fc.array(word, { maxLength: 2 }).map((rest) => rest.join('/'));
      if (!segment.startsWith('{')) return fc.constant(segment);
      const own = read(token, segment.slice(1, -1));
      // Not "" (a path starting "//" is no path), nor what URL parsing or the ARN check would take apart. The value
      // with a character more is another tenant's, whose path a prefix match would let through.
      return typeof own === 'string' && !/^$|[*?]|^\.\.?$/.test(own)
        ? fc.constantFrom(own, `${own}0`).chain((value) => fc.oneof(fc.constant(value), word))
        : word;
    };
    return fc.record({
      method:
        method === 'ANY' ? fc.constantFrom('GET', 'POST', 'PUT', 'DELETE') : fc.constantFrom(method, method, 'PUT'),
      path: fc.tuple(...segments.map(fill)).map((parts) => `/${parts.join('/')}`),
    });
  });
/** A request on one of the routes the contract gives the token, when it gives any. */
const requestOnRouteOf = (rules: RawRules, token: Claims) => {
  const routes = expectedRoutes(rules, { ...token, sub: 'user-1' });
  if (routes.length === 0) return request;
  return fc.constantFrom(...routes).chain((route) => {
    const [method = '', ...path] = route.split('/');
    const below = fc.array(word, { maxLength: 2 }).map((rest) => `/${path.join('/').replace(/\*$/, rest.join('/'))}`);
    return fc.record({
      method: fc.constant(method),
      path: route.endsWith('*') ? below : fc.constant(`/${path.join('/')}`),
    });
  });
};
/** A rule set, a token's claims, and a request: random, on one of the rules' routes, or on one of the token's. */
const cases = ruleSets.chain((rules) =>
  claims.chain((token) =>
    fc.tuple(
      fc.constant(rules),
      fc.constant(token),
      // Each a third of the time: oneof would favour its first arbitrary at this depth, were the weights not set.
      fc.oneof(
        { arbitrary: requestOnRouteOf(rules.raw, token), weight: 1 },
        { arbitrary: requestFor(rules.raw, token), weight: 1 },
        { arbitrary: request, weight: 1 },
      ),
    ),
  ),
);

let key: TestKey;
beforeAll(async () => {
  key = await createTestKey('ES256');
});

/** The Lambda's own handler (createHandler, as the bundle's handler.ts) with these rules, behind the gateway. */
function gatewayFor(rules: RawRules, format: 'token' | 'http', httpApiResponse: 'simple' | 'policy' = 'simple') {
  const handler = createHandler({
    env: {
      JWT_PUBLIC_KEY: key.publicPem,
      JWT_ALGORITHMS: 'ES256',
      ROUTE_RULES: JSON.stringify(rules),
      HTTP_API_RESPONSE: httpApiResponse,
    },
    log: () => {},
  });
  return createGateway({
    authorizerFor: () => handler as AuthorizerHandler,
    format,
    httpApiResponse,
    cacheTtlSeconds: 0,
    log: () => {},
  });
}

describe('createGateway with route rules (properties)', () => {
  it('allows a request exactly when the rules permit it, by IAM evaluation of the policy, by decideRoute and by the contract', async () => {
    await fc.assert(
      fc.asyncProperty(cases, fc.constantFrom('token', 'http'), async ([rules, token, { method, path }], format) => {
        const gateway = gatewayFor(rules.raw, format);
        const jwt = await signToken(key, token);
        const reply = await gateway.handle({ method, url: path, headers: [['Authorization', `Bearer ${jwt}`]] });
        const expected = permits(rules.raw, { ...token, sub: 'user-1' }, method, path);
        expect(reply.status).toBe(expected ? 200 : 403);
        expect(decideRoute(rules.parsed, { ...token, sub: 'user-1' }, method, path).permitted).toBe(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('lists exactly the routes the rules permit, substituted, on the calling stage only, and nothing that could widen', async () => {
    const stage = 'arn:aws:execute-api:us-east-1:123456789012:localapi01/prod';
    const elsewhere = [
      'arn:aws:execute-api:us-east-1:123456789012:localapi01/dev',
      'arn:aws:execute-api:us-east-1:123456789012:otherapi02/prod',
      'arn:aws:execute-api:us-east-1:210987654321:localapi01/prod',
      'arn:aws:execute-api:eu-west-1:123456789012:localapi01/prod',
      'arn:aws-cn:execute-api:cn-north-1:123456789012:localapi01/prod',
    ];
    await fc.assert(
      fc.asyncProperty(cases, async ([rules, token, { method, path }]) => {
        const reply = await gatewayFor(rules.raw, 'token').handle({
          method,
          url: path,
          headers: [['Authorization', `Bearer ${await signToken(key, token)}`]],
        });
        expect(reply.status).not.toBe(500);
        const response = reply.authorizer?.response as { policyDocument: { Statement: PolicyStatementLike[] } };
        const statements = response.policyDocument.Statement;
        const [statement] = statements;
        const resources = [statement?.Resource ?? []].flat();
        const expected = expectedRoutes(rules.raw, { ...token, sub: 'user-1' });
        if (expected.length === 0) {
          expect(statement).toMatchObject({ Effect: 'Deny', Resource: `${stage}/*/*` });
          return;
        }
        expect(statement?.Effect).toBe('Allow');
        expect(new Set(resources)).toEqual(new Set(expected.map((route) => `${stage}/${route}`)));
        for (const resource of resources) {
          const rest = resource.slice(stage.length + 1);
          // Only a last "*" where the rule has one, never "?", never a value outside the unreserved characters.
          expect(rest.slice(0, -1)).not.toMatch(/[*?]/);
          expect(rest).toMatch(/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\/[A-Za-z0-9._~/-]*\*?$/);
        }
        for (const other of elsewhere) {
          expect(evaluatePolicy(statements, `${other}/${method}${path}`)).toBe('implicit-deny');
        }
      }),
      { numRuns: RUNS },
    );
  });
});

function tryParse(raw: RawRules): RouteRule[] | undefined {
  try {
    return parseRouteRules(JSON.stringify(raw));
  } catch {
    return undefined;
  }
}

// --- the contract, read plainly: no code of core below -------------------------------------------------------

const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const SAFE = /^[A-Za-z0-9._~-]{1,64}$/;

/** What a condition or placeholder name reads: the scopes, a pointer into nested claims, or a top-level claim. */
function read(claims: Claims, name: string): unknown {
  if (name === 'scope') {
    const scp = claims['scp'];
    const scopes = [claims['scope'], ...(Array.isArray(scp) ? scp : [scp])];
    return scopes.flatMap((value) => (typeof value === 'string' ? value.split(' ').filter(Boolean) : []));
  }
  if (!name.startsWith('/')) return Object.hasOwn(claims, name) ? claims[name] : undefined;
  let value: unknown = claims;
  for (const part of name.slice(1).split('/')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, part))
      return undefined;
    value = (value as Claims)[part];
  }
  return value;
}

function holds(value: unknown, accepted: unknown[]): boolean {
  const primitive = (item: unknown) => ['string', 'number', 'boolean'].includes(typeof item);
  return (Array.isArray(value) ? value : [value]).some((item) => primitive(item) && accepted.includes(item));
}

/** The routes ("METHOD/path") a token may call: each permitting rule's path with the token's values put in. */
function expectedRoutes(rules: RawRules, claims: Claims): string[] {
  const routes = new Set<string>();
  for (const [key, conditions] of Object.entries(rules)) {
    const [method = '', path = ''] = key.split(' ');
    if (!Object.entries(conditions).every(([name, accepted]) => holds(read(claims, name), [accepted].flat()))) continue;
    // A literal segment (the rule's own "*" among them) as written; a placeholder by the token's value, if safe.
    const segments = (path.slice(1).match(/\{[^}]*\}|[^/]+/g) ?? []).map((segment) =>
      segment.startsWith('{') ? safe(read(claims, segment.slice(1, -1))) : segment,
    );
    if (segments.includes(undefined)) continue;
    for (const verb of method === 'ANY' ? VERBS : [method]) routes.add(`${verb}/${segments.join('/')}`);
  }
  return [...routes];
}

/** A claim value that may go into an ARN as it is: 1-64 unreserved characters, not a dot-segment. */
function safe(value: unknown): string | undefined {
  return typeof value === 'string' && SAFE.test(value) && value !== '.' && value !== '..' ? value : undefined;
}

/** Whether `method path` is one of the token's routes: literally, or below a route ending in "*". */
function permits(rules: RawRules, claims: Claims, method: string, path: string): boolean {
  const requested = `${method}/${path.slice(1)}`;
  return expectedRoutes(rules, claims).some((route) =>
    route.endsWith('*') ? requested.startsWith(route.slice(0, -1)) : requested === route,
  );
}
