import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEED_ENV, SEED_TOKEN_BAD_SIGNATURE, SEED_TOKEN_VALID } from '@jwt-authorizer/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  SERVERLESS_OFFLINE_PLUGIN,
  type ServerlessOffline,
  startServerlessOffline,
  WEBSOCKET_READY,
} from './support/serverless-offline.js';

// The built bundle behind serverless-offline itself (serverless 3 with serverless-offline 13), the emulator most
// Serverless Framework users put in front of their functions. It sends placeholder ARNs
// (arn:aws:execute-api:us-east-1:random-account-id:random-api-id/prod/GET/pets/{id}: the route's template, not the
// request's path) and answers 401 for anything the authorizer throws, 403 when the policy does not cover the route.
const dist = fileURLToPath(new URL('../dist/', import.meta.url));

// The local demo's configuration: the seed's, and a route that needs a scope the seed's token lacks.
const AUTHORIZER_ENV = {
  ...SEED_ENV,
  ROUTE_SCOPES: JSON.stringify({ 'ANY /pets': [], 'ANY /pets/*': [], 'GET /admin/*': ['admin'] }),
};

// A second authorizer whose rules permit the seed's token nothing: it answers with a Deny policy.
const STRICT_ENV = { ...SEED_ENV, ROUTE_SCOPES: JSON.stringify({ 'GET /admin/*': ['admin'] }) };

// The token from a query parameter or a cookie (serverless-offline passes the whole request to REQUEST authorizers:
// headers, the Cookie header among them, and the query string), a route per source, one refused by ROUTE_SCOPES.
const SOURCED_ENV = {
  ...SEED_ENV,
  TOKEN_SOURCES: 'header:Authorization,query:token,cookie:session',
  ROUTE_SCOPES: JSON.stringify({ 'ANY /query/*': [], 'ANY /cookie/*': [], 'GET /query-admin/*': ['admin'] }),
};
// A TOKEN authorizer on another header, carrying the bare JWT.
const API_TOKEN_ENV = { ...SEED_ENV, TOKEN_SOURCES: 'header:X-Api-Token' };
// The WebSocket API's $connect authorizer: browsers cannot set headers on a WebSocket, the token is in the URL.
const WEBSOCKET_ENV = { ...SEED_ENV, TOKEN_SOURCES: 'query:token' };
// Usage plans with API key source AUTHORIZER: the seed's user_id is one of the API's keys, its first_name is not.
const API_KEY = 'ncc1701a';
const KEYED_ENV = { ...SEED_ENV, USAGE_IDENTIFIER_CLAIM: 'user_id' };
const UNKEYED_ENV = { ...SEED_ENV, USAGE_IDENTIFIER_CLAIM: 'first_name' };

// JSON is YAML: a JSON string keeps the PEM's newlines and the rules' quotes as they are.
const environment = (env: Record<string, string>) =>
  Object.entries(env)
    .map(([name, value]) => `      ${name}: ${JSON.stringify(value)}`)
    .join('\n');
const restToken = '{ name: authorizer, type: token }';
/** A REST REQUEST authorizer of the `sourced` function with one identity source (`method.request.<source>`). */
const sourced = (source: string) => `{ name: sourced, type: request, identitySource: method.request.${source} }`;
// No identity source and no cache: serverless-offline invokes the authorizer even without a token.
const restRequest = '{ name: authorizer, type: request, resultTtlInSeconds: 0 }';
const SERVERLESS_YML = `service: jwt-authorizer-offline
frameworkVersion: "3"
# serverless 3's schema knows runtimes up to nodejs20.x; serverless-offline 13.10 runs nodejs24.x, in this Node.
configValidationMode: off
provider:
  name: aws
  runtime: nodejs24.x
  region: us-east-1
  stage: prod
  apiGateway:
    apiKeys:
      - { name: seed, value: ${API_KEY} }
  httpApi:
    authorizers:
      jwt:
        type: request
        functionName: authorizer
        payloadVersion: "2.0"
        enableSimpleResponses: true
        identitySource: $request.header.Authorization
      jwtQuery:
        type: request
        functionName: sourced
        payloadVersion: "2.0"
        enableSimpleResponses: true
        identitySource: $request.querystring.token
      jwtCookie:
        type: request
        functionName: sourced
        payloadVersion: "2.0"
        enableSimpleResponses: true
        identitySource: $request.header.Cookie
plugins:
  - ${JSON.stringify(SERVERLESS_OFFLINE_PLUGIN)}
functions:
  authorizer:
    handler: index.handler
    environment:
${environment(AUTHORIZER_ENV)}
  strict:
    handler: index.handler
    environment:
${environment(STRICT_ENV)}
  sourced:
    handler: index.handler
    environment:
${environment(SOURCED_ENV)}
  apiToken:
    handler: index.handler
    environment:
${environment(API_TOKEN_ENV)}
  webSocketAuthorizer:
    handler: index.handler
    environment:
${environment(WEBSOCKET_ENV)}
  keyed:
    handler: index.handler
    environment:
${environment(KEYED_ENV)}
  unkeyed:
    handler: index.handler
    environment:
${environment(UNKEYED_ENV)}
  connect:
    handler: backend.connect
    events:
      - websocket: { route: $connect, authorizer: { name: webSocketAuthorizer, identitySource: [route.request.querystring.token] } }
  backend:
    handler: backend.handler
    events:
      - http: { method: get, path: "pets/{id}", authorizer: ${restToken} }
      - http: { method: get, path: "admin/{id}", authorizer: ${restToken} }
      - http: { method: get, path: "files/{proxy+}", authorizer: ${restToken} }
      - http: { method: get, path: pets, authorizer: ${restRequest} }
      - http: { method: get, path: reports, authorizer: { name: strict, type: token } }
      - httpApi: { method: GET, path: "/pets/{id}", authorizer: { name: jwt } }
      - httpApi: { method: GET, path: "/admin/{id}", authorizer: { name: jwt } }
      - http: { method: get, path: "query/{id}", authorizer: ${sourced('querystring.token')} }
      - http: { method: get, path: "query-admin/{id}", authorizer: ${sourced('querystring.token')} }
      - http: { method: get, path: "cookie/{id}", authorizer: ${sourced('header.Cookie')} }
      - http: { method: get, path: "apitoken/{id}", authorizer: { name: apiToken, type: token, identitySource: method.request.header.X-Api-Token } }
      - http: { method: get, path: "metered/{id}", private: true, authorizer: { name: keyed, type: token } }
      - http: { method: get, path: "unmetered/{id}", private: true, authorizer: { name: unkeyed, type: token } }
      - httpApi: { method: GET, path: "/query/{id}", authorizer: { name: jwtQuery } }
      - httpApi: { method: GET, path: "/cookie/{id}", authorizer: { name: jwtCookie } }
`;
// The backend echoes what the authorizer gave it; its $connect handler accepts every connection it is handed.
const BACKEND = `export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ authorizer: event.requestContext.authorizer }),
});
export const connect = async () => ({ statusCode: 200 });
`;

let service: string;
let offline: ServerlessOffline | undefined;
beforeAll(async () => {
  service = mkdtempSync(join(tmpdir(), 'sls-offline-'));
  cpSync(dist, service, { recursive: true, filter: (source) => !source.endsWith('.zip') });
  writeFileSync(join(service, 'backend.mjs'), BACKEND);
  writeFileSync(join(service, 'serverless.yml'), SERVERLESS_YML);
  offline = await startServerlessOffline(service, { ready: [/Server ready: http:/, WEBSOCKET_READY] });
}, 90_000);
afterAll(async () => {
  await offline?.stop();
  rmSync(service, { recursive: true, force: true });
});

type Line = Record<string, unknown>;

/**
 * The response to GET `path`, and the decision the authorizer logged for it; `invoked: false` for a request that
 * serverless-offline answers itself.
 */
async function get(
  path: string,
  token?: string,
  { invoked = true, headers = {} }: { invoked?: boolean; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Line; decision?: Line }> {
  const server = offline as ServerlessOffline;
  const mark = server.output().length;
  const response = await fetch(`${server.url}${path}`, {
    headers: { ...(token && { authorization: `Bearer ${token}` }), ...headers },
  });
  const body = (await response.json()) as Line;
  return { status: response.status, body, ...(await decisionAfter(mark, invoked)) };
}

/** The decision line the authorizer logged after `mark` in the CLI's output, if it was invoked. */
async function decisionAfter(mark: number, invoked: boolean): Promise<{ decision?: Line }> {
  const server = offline as ServerlessOffline;
  // The functions run in worker threads: their log lines may reach the CLI's output after the response.
  const deadline = Date.now() + (invoked ? 2_000 : 0);
  let decision = decisionIn(server.output().slice(mark));
  while (!decision && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    decision = decisionIn(server.output().slice(mark));
  }
  return decision ? { decision } : {};
}

/**
 * Opens a WebSocket to serverless-offline's WebSocket API with `ws`, a real client: `open` once the $connect
 * authorizer allowed it, or the status code of the handshake's refusal. The connection is closed either way.
 */
async function connect(query: string): Promise<{ outcome: 'open' | number; decision?: Line }> {
  const server = offline as ServerlessOffline;
  const mark = server.output().length;
  const socket = new WebSocket(`${server.webSocketUrl}/${query}`);
  const outcome = await new Promise<'open' | number>((resolve, reject) => {
    socket.once('open', () => resolve('open'));
    socket.once('unexpected-response', (_request, response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    socket.once('error', reject);
  });
  socket.terminate();
  return { outcome, ...(await decisionAfter(mark, true)) };
}

function decisionIn(output: string): Line | undefined {
  const line = output.split('\n').find((text) => text.includes('"message":"authorization '));
  return line ? (JSON.parse(line.slice(line.indexOf('{'))) as Line) : undefined;
}

describe('the built authorizer behind serverless-offline', () => {
  it('answers 200 for a valid token on REST TOKEN, REST REQUEST and HTTP API 2.0 routes, its context reaching the backend', async () => {
    const token = await get('/prod/pets/42', SEED_TOKEN_VALID);
    expect(token).toMatchObject({ status: 200, decision: { outcome: 'allow', format: 'rest-token' } });
    expect(token.body['authorizer']).toMatchObject({ principalId: 'ncc1701a', user_id: 'ncc1701a' });

    // serverless-offline's REST REQUEST events carry version "1.0", as HTTP API payload 1.0 events do.
    const request = await get('/prod/pets', SEED_TOKEN_VALID);
    expect(request).toMatchObject({ status: 200, decision: { outcome: 'allow', format: 'http-1.0' } });
    expect(request.body['authorizer']).toMatchObject({ principalId: 'ncc1701a' });

    const http = await get('/pets/42', SEED_TOKEN_VALID);
    expect(http).toMatchObject({ status: 200, decision: { outcome: 'allow', format: 'http-2.0' } });
    expect(http.body['authorizer']).toMatchObject({ lambda: { user_id: 'ncc1701a' } });
  });

  it('answers 401 for a token signed by another key, and for none', async () => {
    for (const path of ['/prod/pets/42', '/prod/pets', '/pets/42']) {
      expect(await get(path, SEED_TOKEN_BAD_SIGNATURE)).toMatchObject({
        status: 401,
        decision: { outcome: 'unauthorized', reason: 'bad_signature' },
      });
    }
    // Where an identity source is configured, serverless-offline answers 401 without invoking the authorizer.
    for (const path of ['/prod/pets/42', '/pets/42']) {
      expect(await get(path, undefined, { invoked: false })).toEqual({ status: 401, body: expect.any(Object) });
    }
    expect(await get('/prod/pets')).toMatchObject({
      status: 401,
      decision: { outcome: 'unauthorized', reason: 'missing_token' },
    });
  });

  it('answers 403 for a valid token on a route ROUTE_SCOPES does not permit it, Allow elsewhere or Deny', async () => {
    // REST: an Allow policy listing only the routes the token may call, which serverless-offline evaluates.
    expect(await get('/prod/admin/users', SEED_TOKEN_VALID)).toMatchObject({
      status: 403,
      decision: { outcome: 'allow', coversRequest: false },
    });
    // REST: a Deny policy on the stage, arn:aws:execute-api:us-east-1:random-account-id:random-api-id/prod/*/*.
    expect(await get('/prod/reports', SEED_TOKEN_VALID)).toMatchObject({
      status: 403,
      decision: { outcome: 'deny', format: 'rest-token' },
    });
    // HTTP API simple response: { isAuthorized: false }.
    expect(await get('/admin/users', SEED_TOKEN_VALID)).toMatchObject({
      status: 403,
      decision: { outcome: 'deny', format: 'http-2.0' },
    });
  });

  it('refuses the ARN of a greedy {proxy+} route, which serverless-offline writes with a "*", and answers 401', async () => {
    // API Gateway's ARN holds the request's path; serverless-offline's the route's, with hapi's {proxy*}.
    // A wildcard in an ARN is refused (a policy built from it would grant more than asked): a 500 on API
    // Gateway, which serverless-offline answers as 401, as it does every error of an authorizer.
    expect(await get('/prod/files/a/b', SEED_TOKEN_VALID)).toMatchObject({
      status: 401,
      decision: { outcome: 'error', reason: 'invalid_method_arn' },
    });
  });
});

describe('the built authorizer behind serverless-offline, reading the token from TOKEN_SOURCES', () => {
  it('reads a query parameter on REST REQUEST and HTTP API 2.0 routes: 200, 401 and 403', async () => {
    for (const path of ['/prod/query/42', '/query/42']) {
      expect(await get(`${path}?token=${SEED_TOKEN_VALID}`)).toMatchObject({
        status: 200,
        decision: { outcome: 'allow', tokenSource: 'query:token' },
      });
      expect(await get(`${path}?token=${SEED_TOKEN_BAD_SIGNATURE}`)).toMatchObject({
        status: 401,
        decision: { outcome: 'unauthorized', reason: 'bad_signature', tokenSource: 'query:token' },
      });
      // The identity source is missing: serverless-offline answers 401 without invoking, as API Gateway does.
      expect(await get(path, undefined, { invoked: false })).toEqual({ status: 401, body: expect.any(Object) });
    }
    expect(await get(`/prod/query-admin/42?token=${SEED_TOKEN_VALID}`)).toMatchObject({
      status: 403,
      decision: { outcome: 'allow', coversRequest: false },
    });
  });

  it('reads a cookie among others from the Cookie header on REST REQUEST and HTTP API 2.0 routes', async () => {
    for (const path of ['/prod/cookie/42', '/cookie/42']) {
      const cookie = { cookie: `theme=dark; session=${SEED_TOKEN_VALID}; lang=en` };
      expect(await get(path, undefined, { headers: cookie })).toMatchObject({
        status: 200,
        decision: { outcome: 'allow', tokenSource: 'cookie:session' },
      });
      const twice = { cookie: `session=${SEED_TOKEN_VALID}; session=${SEED_TOKEN_BAD_SIGNATURE}` };
      expect(await get(path, undefined, { headers: twice })).toMatchObject({
        status: 401,
        decision: { outcome: 'unauthorized', reason: 'ambiguous_token' },
      });
      // A Cookie header without the session cookie: the identity source is there, the token is not.
      expect(await get(path, undefined, { headers: { cookie: 'theme=dark' } })).toMatchObject({
        status: 401,
        decision: { outcome: 'unauthorized', reason: 'missing_token' },
      });
    }
  });

  it('reads the bare JWT from another header on a REST TOKEN route', async () => {
    expect(await get('/prod/apitoken/42', undefined, { headers: { 'x-api-token': SEED_TOKEN_VALID } })).toMatchObject({
      status: 200,
      decision: { outcome: 'allow', format: 'rest-token', tokenSource: 'header:X-Api-Token' },
    });
  });

  it('meters private routes by the usage identifier claim: 200 for a key of the API, 403 for another', async () => {
    expect(await get('/prod/metered/42', SEED_TOKEN_VALID)).toMatchObject({
      status: 200,
      decision: { outcome: 'allow' },
    });
    expect(await get('/prod/unmetered/42', SEED_TOKEN_VALID)).toMatchObject({
      status: 403,
      decision: { outcome: 'allow' },
    });
  });

  it('lets a real ws client connect to the WebSocket API with the token in the query string', async () => {
    expect(await connect(`?token=${SEED_TOKEN_VALID}`)).toMatchObject({
      outcome: 'open',
      decision: { outcome: 'allow', format: 'websocket', tokenSource: 'query:token' },
    });
  });

  it('refuses the handshake for a bad token or none, with 500 where API Gateway answers 401', async () => {
    // serverless-offline answers a $connect authorizer's thrown Unauthorized with 500 (API Gateway: 401), and
    // invokes it without the token (API Gateway: 401 without invoking); the authorizer refuses both.
    expect(await connect(`?token=${SEED_TOKEN_BAD_SIGNATURE}`)).toMatchObject({
      outcome: 500,
      decision: { outcome: 'unauthorized', reason: 'bad_signature', format: 'websocket' },
    });
    expect(await connect('')).toMatchObject({
      outcome: 500,
      decision: { outcome: 'unauthorized', reason: 'missing_token' },
    });
  });
});
