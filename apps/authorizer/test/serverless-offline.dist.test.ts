import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEED_ENV, SEED_TOKEN_BAD_SIGNATURE, SEED_TOKEN_VALID } from '@jwt-authorizer/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SERVERLESS_OFFLINE_PLUGIN,
  type ServerlessOffline,
  startServerlessOffline,
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

// JSON is YAML: a JSON string keeps the PEM's newlines and the rules' quotes as they are.
const environment = (env: Record<string, string>) =>
  Object.entries(env)
    .map(([name, value]) => `      ${name}: ${JSON.stringify(value)}`)
    .join('\n');
const restToken = '{ name: authorizer, type: token }';
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
  httpApi:
    authorizers:
      jwt:
        type: request
        functionName: authorizer
        payloadVersion: "2.0"
        enableSimpleResponses: true
        identitySource: $request.header.Authorization
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
`;
// The backend echoes what the authorizer gave it.
const BACKEND = `export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ authorizer: event.requestContext.authorizer }),
});
`;

let service: string;
let offline: ServerlessOffline | undefined;
beforeAll(async () => {
  service = mkdtempSync(join(tmpdir(), 'sls-offline-'));
  cpSync(dist, service, { recursive: true, filter: (source) => !source.endsWith('.zip') });
  writeFileSync(join(service, 'backend.mjs'), BACKEND);
  writeFileSync(join(service, 'serverless.yml'), SERVERLESS_YML);
  offline = await startServerlessOffline(service);
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
  { invoked = true } = {},
): Promise<{ status: number; body: Line; decision?: Line }> {
  const server = offline as ServerlessOffline;
  const mark = server.output().length;
  const response = await fetch(`${server.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const body = (await response.json()) as Line;
  // The functions run in worker threads: their log lines may reach the CLI's output after the response.
  const deadline = Date.now() + (invoked ? 2_000 : 0);
  let decision = decisionIn(server.output().slice(mark));
  while (!decision && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    decision = decisionIn(server.output().slice(mark));
  }
  return { status: response.status, body, ...(decision && { decision }) };
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
