import { createTestKey, signToken, type TestKey } from '@jwt-authorizer/test-fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuiltRun, invokeBuilt } from './support/built-handler.js';
import { decisions } from './support/decisions.js';
import { httpV1Event, httpV2Event, restRequestEvent, restTokenEvent, webSocketConnectEvent } from './support/events.js';

// TOKEN_SOURCES on the built dist/index.mjs, with every event format in the shapes of AWS's developer guide.
const REST_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/pets/42';
const HTTP_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/$default/GET/pets/42';
const CONNECT_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect';
const REST_STAGE = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/*/*';

let key: TestKey;
let alice: string;
let bob: string;
let env: Record<string, string>;
beforeAll(async () => {
  key = await createTestKey('ES256');
  alice = await signToken(key, { sub: 'alice' });
  bob = await signToken(key, { sub: 'bob' });
  env = { JWT_PUBLIC_KEY: key.publicPem, JWT_ALGORITHMS: 'ES256' };
});

const run = (extra: Record<string, string>, events: unknown[]) => invokeBuilt({ ...env, ...extra }, events);
const UNAUTHORIZED = { error: { name: 'Error', message: 'Unauthorized' } };

/** The token source each decision line names (`-` when none was read). */
const sourcesOf = (result: BuiltRun) =>
  result.logs.filter((line) => line['outcome']).map((line) => String(line['tokenSource'] ?? '-'));

describe('TOKEN_SOURCES on REST REQUEST events', () => {
  const SOURCES = { TOKEN_SOURCES: 'header:Authorization,query:access_token,cookie:session' };

  it('reads a query parameter from the single- or multi-value map, or a cookie among several, quoted or not', () => {
    const result = run(SOURCES, [
      restRequestEvent({ Accept: '*/*' }, REST_ARN, { query: { access_token: alice, page: '2' } }),
      {
        ...restRequestEvent(null, REST_ARN, { query: { access_token: alice } }),
        multiValueQueryStringParameters: null,
      },
      { ...restRequestEvent(null, REST_ARN, { query: { access_token: alice } }), queryStringParameters: null },
      restRequestEvent({ Cookie: `theme=dark; session=${alice}; lang=en` }, REST_ARN),
      restRequestEvent({ cookie: `session="${alice}"` }, REST_ARN),
    ]);
    expect(decisions(result)).toEqual(Array(5).fill('allow alice'));
    expect(sourcesOf(result)).toEqual([
      'query:access_token',
      'query:access_token',
      'query:access_token',
      'cookie:session',
      'cookie:session',
    ]);
    expect(result.results[0]?.response).toMatchObject({
      principalId: 'alice',
      policyDocument: { Statement: [{ Effect: 'Allow', Resource: REST_STAGE }] },
    });
  });

  it('takes the first source present, and refuses a bad token there without trying the next', () => {
    const result = run(SOURCES, [
      restRequestEvent({ Authorization: `Bearer ${bob}`, Cookie: `session=${alice}` }, REST_ARN, {
        query: { access_token: alice },
      }),
      restRequestEvent({ Authorization: '', Cookie: `session=${alice}` }, REST_ARN),
      restRequestEvent({ Authorization: `Basic ${alice}`, Cookie: `session=${alice}` }, REST_ARN),
      restRequestEvent({ Cookie: `session=${alice}` }, REST_ARN, { query: { access_token: 'not-a-jwt' } }),
    ]);
    expect(decisions(result)).toEqual([
      'allow bob',
      'allow alice',
      'unauthorized not_bearer',
      'unauthorized malformed_token',
    ]);
  });

  it('refuses a cookie or parameter sent twice with different values (ambiguous_token), and takes one repeated', () => {
    const result = run(SOURCES, [
      restRequestEvent({ Cookie: `session=${alice}; session=${bob}` }, REST_ARN),
      restRequestEvent(null, REST_ARN, { multiValueHeaders: { Cookie: [`session=${alice}`, `session=${bob}`] } }),
      restRequestEvent({}, REST_ARN, { query: { access_token: [alice, bob] } }),
      restRequestEvent({ Cookie: `session=${alice}; session=${alice}` }, REST_ARN),
    ]);
    expect(decisions(result)).toEqual([
      'unauthorized ambiguous_token',
      'unauthorized ambiguous_token',
      'unauthorized ambiguous_token',
      'allow alice',
    ]);
  });

  it('answers missing_token naming every source when none is present, with null maps too', () => {
    const result = run(SOURCES, [restRequestEvent(null, REST_ARN, { nullMaps: true, multiValueHeaders: null })]);
    expect(result.results[0]).toEqual(UNAUTHORIZED);
    expect(result.logs.at(-1)).toMatchObject({
      outcome: 'unauthorized',
      reason: 'missing_token',
      detail: 'no token in header:Authorization, query:access_token, cookie:session',
      format: 'rest-request',
    });
  });

  it('warns once at cold start that a query token ends up in access logs', () => {
    const result = run(SOURCES, [
      restRequestEvent({}, REST_ARN, { query: { access_token: alice } }),
      restRequestEvent({}, REST_ARN, { query: { access_token: alice } }),
    ]);
    const warnings = result.logs.filter((line) => line['message'] === 'configuration').map((line) => line['warning']);
    expect(warnings.filter((warning) => String(warning).startsWith('TOKEN_SOURCES'))).toEqual([
      expect.stringMatching(/^TOKEN_SOURCES reads query:access_token: a token in a URL ends up in access logs/),
    ]);
  });

  it('never writes the token to the log, from whichever source it came', () => {
    const result = run(SOURCES, [
      restRequestEvent({}, REST_ARN, { query: { access_token: alice } }),
      restRequestEvent({ Cookie: `session=${alice}x` }, REST_ARN),
    ]);
    expect(JSON.stringify(result.logs)).not.toContain(alice.split('.')[2]);
  });
});

describe('TOKEN_SOURCES on REST TOKEN events', () => {
  it('reads authorizationToken as the first header source: Bearer for Authorization, the bare JWT for another', () => {
    const result = run({ TOKEN_SOURCES: 'query:t,header:X-Api-Token' }, [
      restTokenEvent(alice, REST_ARN),
      restTokenEvent(`Bearer ${alice}`, REST_ARN),
      restTokenEvent('', REST_ARN),
    ]);
    expect(decisions(result)).toEqual(['allow alice', 'allow alice', 'unauthorized missing_token']);
    expect(sourcesOf(result).slice(0, 2)).toEqual(['header:X-Api-Token', 'header:X-Api-Token']);
    const plain = run({}, [restTokenEvent(alice, REST_ARN)]);
    expect(decisions(plain)).toEqual(['unauthorized not_bearer']);
  });

  it('fails (500), never Unauthorized, when TOKEN_SOURCES names no header a TOKEN event could carry', () => {
    const result = run({ TOKEN_SOURCES: 'query:t,cookie:session' }, [restTokenEvent(`Bearer ${alice}`, REST_ARN)]);
    expect(result.results[0]?.error?.name).toBe('UnsupportedEventError');
    expect(result.logs.at(-1)).toMatchObject({
      outcome: 'error',
      reason: 'incompatible_event',
      detail: expect.stringContaining('TOKEN_SOURCES names none'),
    });
  });
});

describe('TOKEN_SOURCES on HTTP API events', () => {
  it('payload 1.0: a query parameter or a cookie from the Cookie header, always answered with a policy', () => {
    const result = run({ TOKEN_SOURCES: 'query:token,cookie:session' }, [
      httpV1Event({}, HTTP_ARN, { token: alice }),
      httpV1Event({ Cookie: `session=${alice}` }, HTTP_ARN),
    ]);
    expect(decisions(result)).toEqual(['allow alice', 'allow alice']);
    expect(result.results[1]?.response).toMatchObject({ principalId: 'alice' });
  });

  it('payload 2.0: the cookies array and lower-cased headers; a repeated parameter, joined with commas, is refused', () => {
    const result = run({ TOKEN_SOURCES: 'header:X-Api-Token,query:token,cookie:session' }, [
      httpV2Event([], HTTP_ARN, {}, { cookies: ['theme=dark', `session=${alice}`] }),
      httpV2Event([], HTTP_ARN, { 'x-api-token': alice }),
      httpV2Event([], HTTP_ARN, {}, { query: { token: alice } }),
      httpV2Event([], HTTP_ARN, {}, { query: { token: `${alice},${bob}` } }),
      httpV2Event([], HTTP_ARN, {}, { cookies: [`session=${alice}`, `session=${bob}`] }),
    ]);
    expect(decisions(result)).toEqual([
      'allow alice',
      'allow alice',
      'allow alice',
      'unauthorized malformed_token',
      'unauthorized ambiguous_token',
    ]);
    expect(result.results[0]?.response).toEqual({
      isAuthorized: true,
      context: expect.objectContaining({ sub: 'alice' }),
    });
  });
});

describe('WebSocket $connect events', () => {
  it('takes the token from the query string (browsers cannot set headers on a WebSocket) and allows …/{stage}/*', () => {
    const result = run({ TOKEN_SOURCES: 'header:Authorization,query:token,cookie:session' }, [
      webSocketConnectEvent({}, CONNECT_ARN, { token: alice }),
      webSocketConnectEvent({ Authorization: `Bearer ${alice}` }, CONNECT_ARN),
      webSocketConnectEvent({ Cookie: `session=${alice}` }, CONNECT_ARN),
      webSocketConnectEvent({}, CONNECT_ARN, {
        token: `${alice.slice(0, alice.lastIndexOf('.'))}.${bob.split('.')[2]}`,
      }),
      webSocketConnectEvent({}, CONNECT_ARN),
    ]);
    expect(result.results[0]?.response).toEqual({
      principalId: 'alice',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: 'Allow',
            Resource: 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/*',
          },
        ],
      },
      context: expect.objectContaining({ sub: 'alice' }),
    });
    expect(decisions(result)).toEqual([
      'allow alice',
      'allow alice',
      'allow alice',
      'unauthorized bad_signature',
      'unauthorized missing_token',
    ]);
    expect(result.logs.filter((line) => line['outcome'] === 'allow').map((line) => line['format'])).toEqual([
      'websocket',
      'websocket',
      'websocket',
    ]);
  });

  it('allows exactly the $connect ARN with POLICY_RESOURCE=method', () => {
    const result = run({ TOKEN_SOURCES: 'query:token', POLICY_RESOURCE: 'method' }, [
      webSocketConnectEvent({}, CONNECT_ARN, { token: alice }),
    ]);
    expect(result.results[0]?.response).toMatchObject({
      policyDocument: { Statement: [{ Effect: 'Allow', Resource: CONNECT_ARN }] },
    });
  });

  it('fails (500) with route rules, which decide HTTP routes a connection does not have', () => {
    const result = run({ TOKEN_SOURCES: 'query:token', ROUTE_RULES: '{"GET /pets": {}}' }, [
      webSocketConnectEvent({}, CONNECT_ARN, { token: alice }),
      restRequestEvent({}, REST_ARN.replace('/pets/42', '/pets'), { query: { token: alice } }),
    ]);
    expect(result.results[0]?.error?.name).toBe('UnsupportedEventError');
    expect(result.logs.filter((line) => line['outcome']).map((line) => line['reason'] ?? line['outcome'])).toEqual([
      'incompatible_event',
      'allow',
    ]);
  });
});
