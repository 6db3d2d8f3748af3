import { createTestKey, signToken, type TestKey } from '@jwt-authorizer/test-fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { invokeBuilt } from './support/built-handler.js';
import { decisions } from './support/decisions.js';
import { httpV1Event, httpV2Event, restRequestEvent, restTokenEvent, webSocketConnectEvent } from './support/events.js';

// USAGE_IDENTIFIER_CLAIM on the built dist/index.mjs: the claim becomes usageIdentifierKey, the API key a REST API
// usage plan meters when its API key source is AUTHORIZER (api-gateway-api-key-source.html).
const REST_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/pets/42';
const HTTP_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/$default/GET/pets/42';
const CONNECT_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect';
const API_KEY = 'MyApiKeyThatIsAtLeast20Characters';

let key: TestKey;
let env: Record<string, string>;
beforeAll(async () => {
  key = await createTestKey('ES256');
  env = {
    JWT_PUBLIC_KEY: key.publicPem,
    JWT_ALGORITHMS: 'ES256',
    USAGE_IDENTIFIER_CLAIM: 'api_key',
    TOKEN_SOURCES: 'header:Authorization,query:token',
    HTTP_API_RESPONSE: 'policy',
  };
});

describe('USAGE_IDENTIFIER_CLAIM', () => {
  it('puts the claim in usageIdentifierKey of REST TOKEN and REQUEST responses', async () => {
    const token = `Bearer ${await signToken(key, { api_key: API_KEY })}`;
    const { results } = invokeBuilt(env, [
      restTokenEvent(token, REST_ARN),
      restRequestEvent({ Authorization: token }, REST_ARN),
    ]);
    for (const result of results) {
      expect(result.response).toMatchObject({ principalId: 'user-1', usageIdentifierKey: API_KEY });
    }
  });

  it('leaves it out of HTTP and WebSocket API responses, which have no usage plans', async () => {
    const token = `Bearer ${await signToken(key, { api_key: API_KEY })}`;
    const { results } = invokeBuilt(env, [
      httpV1Event({ Authorization: token }, HTTP_ARN),
      httpV2Event([token], HTTP_ARN),
      webSocketConnectEvent({ Authorization: token }, CONNECT_ARN),
    ]);
    for (const result of results) {
      expect(result.response).toMatchObject({ principalId: 'user-1' });
      expect(result.response).not.toHaveProperty('usageIdentifierKey');
    }
  });

  it('refuses (401) a token without the claim as a non-empty string, on every event format', async () => {
    const tokens = [
      await signToken(key, {}),
      await signToken(key, { api_key: 42 }),
      await signToken(key, { api_key: '' }),
    ];
    const { results, logs } = invokeBuilt(env, [
      ...tokens.map((token) => restTokenEvent(`Bearer ${token}`, REST_ARN)),
      httpV2Event([`Bearer ${tokens[0]}`], HTTP_ARN),
    ]);
    for (const result of results) expect(result).toEqual({ error: { name: 'Error', message: 'Unauthorized' } });
    expect(decisions({ results, logs })).toEqual(Array(4).fill('unauthorized missing_usage_identifier'));
  });
});
