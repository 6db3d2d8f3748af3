import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { METHOD_ARN, SEED_ENV, SEED_TOKEN_BAD_SIGNATURE, SEED_TOKEN_VALID } from '@jwt-authorizer/test-fixtures';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpV2Event, restRequestEvent, restTokenEvent, webSocketConnectEvent } from './support/events.js';
import { invokeLambdaLocal } from './support/lambda-local.js';

// The deployable zip run by a second runner, lambda-local (npm): unzipped as Lambda unzips it, its index.handler
// invoked with the TOKEN and REQUEST events of AWS's developer guide (api-gateway-lambda-authorizer-input.html).
const zip = fileURLToPath(new URL('../dist/authorizer.zip', import.meta.url));
const STAGE_RESOURCE = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/*/*';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'authorizer-zip-'));
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zip)))) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), bytes);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the zip under lambda-local', () => {
  it('allows the seed token in TOKEN and REQUEST events, and refuses the others with Unauthorized', async () => {
    const { results, logs } = await invokeLambdaLocal(join(root, 'index.mjs'), SEED_ENV, [
      restTokenEvent(`Bearer ${SEED_TOKEN_VALID}`, METHOD_ARN),
      restRequestEvent({ Accept: '*/*', Authorization: `Bearer ${SEED_TOKEN_VALID}` }, METHOD_ARN),
      restTokenEvent(`Bearer ${SEED_TOKEN_BAD_SIGNATURE}`, METHOD_ARN),
      restRequestEvent({ Accept: '*/*', Authorization: `Bearer ${SEED_TOKEN_BAD_SIGNATURE}` }, METHOD_ARN),
      restRequestEvent(null, METHOD_ARN, { nullMaps: true }),
    ]);
    const allow = {
      principalId: 'ncc1701a',
      policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: STAGE_RESOURCE }] },
      context: { user_id: 'ncc1701a', first_name: 'brian' },
    };
    expect(results.map((result) => result.response ?? result.error)).toMatchObject([
      allow,
      allow,
      { errorType: 'Error', errorMessage: 'Unauthorized' },
      { errorType: 'Error', errorMessage: 'Unauthorized' },
      { errorType: 'Error', errorMessage: 'Unauthorized' },
    ]);
    expect(logs.filter((line) => line['outcome'])).toMatchObject([
      { outcome: 'allow', format: 'rest-token' },
      { outcome: 'allow', format: 'rest-request' },
      { outcome: 'unauthorized', reason: 'bad_signature' },
      { outcome: 'unauthorized', reason: 'bad_signature' },
      { outcome: 'unauthorized', reason: 'missing_token' },
    ]);
  });

  it('reads a query token from a WebSocket $connect and a cookie from REST and HTTP API 2.0 events', async () => {
    const env = { ...SEED_ENV, TOKEN_SOURCES: 'header:Authorization,query:token,cookie:session' };
    const connect = 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect';
    const httpArn = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/$default/GET/pets/42';
    const { results, logs } = await invokeLambdaLocal(join(root, 'index.mjs'), env, [
      webSocketConnectEvent({}, connect, { token: SEED_TOKEN_VALID }),
      restRequestEvent({ Cookie: `theme=dark; session=${SEED_TOKEN_VALID}` }, METHOD_ARN),
      httpV2Event([], httpArn, {}, { cookies: ['theme=dark', `session=${SEED_TOKEN_VALID}`] }),
      webSocketConnectEvent({}, connect, { token: SEED_TOKEN_BAD_SIGNATURE }),
    ]);
    expect(results.map((result) => result.response ?? result.error)).toMatchObject([
      {
        principalId: 'ncc1701a',
        policyDocument: {
          Statement: [{ Effect: 'Allow', Resource: 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/*' }],
        },
      },
      { principalId: 'ncc1701a', policyDocument: { Statement: [{ Effect: 'Allow', Resource: STAGE_RESOURCE }] } },
      { isAuthorized: true },
      { errorType: 'Error', errorMessage: 'Unauthorized' },
    ]);
    expect(logs.filter((line) => line['outcome']).map((line) => line['tokenSource'])).toEqual([
      'query:token',
      'cookie:session',
      'cookie:session',
      'query:token',
    ]);
  });

  it('fails every invocation, never with Unauthorized, when the configuration cannot work', async () => {
    const { results } = await invokeLambdaLocal(join(root, 'index.mjs'), { JWT_PUBLIC_KEY: 'not a key' }, [
      restTokenEvent(`Bearer ${SEED_TOKEN_VALID}`, METHOD_ARN),
    ]);
    expect(results[0]?.error).toMatchObject({
      errorType: 'ConfigError',
      errorMessage: expect.stringMatching(/^JWT_PUBLIC_KEY: /),
    });
  });
});
