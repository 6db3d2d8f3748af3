import { SEED_ENV, SEED_TOKEN_BAD_SIGNATURE, SEED_TOKEN_VALID } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { invokeBuilt } from './support/built-handler.js';
import { httpV1Event, httpV2Event, restRequestEvent, restTokenEvent } from './support/events.js';

const REST_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/pets/42';
const HTTP_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/$default/GET/pets/42';
const GOOD = `Bearer ${SEED_TOKEN_VALID}`;
const BAD = `Bearer ${SEED_TOKEN_BAD_SIGNATURE}`;

const allow = (resource: string) => ({
  principalId: 'ncc1701a',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resource }],
  },
  context: { user_id: 'ncc1701a', admin: true, iat: 1516239022 },
});
const UNAUTHORIZED = { error: { name: 'Error', message: 'Unauthorized' } };

describe('every API Gateway event format, on the built dist/index.mjs', () => {
  it('REST TOKEN: Allow policy for the stage, Unauthorized otherwise', () => {
    const { results } = invokeBuilt(SEED_ENV, [restTokenEvent(GOOD, REST_ARN), restTokenEvent(BAD, REST_ARN)]);
    expect(results[0]?.response).toMatchObject(allow('arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/*/*'));
    expect(results[1]).toEqual(UNAUTHORIZED);
  });

  it('REST REQUEST: reads the Authorization header whatever its case, from headers or multiValueHeaders', () => {
    const { results, logs } = invokeBuilt(SEED_ENV, [
      restRequestEvent({ Authorization: GOOD, Accept: '*/*' }, REST_ARN),
      restRequestEvent({ aUtHoRiZaTiOn: GOOD }, REST_ARN, { nullMaps: true }),
      restRequestEvent(null, REST_ARN, { multiValueHeaders: { authorization: [GOOD] } }),
      restRequestEvent({ Authorization: BAD }, REST_ARN),
    ]);
    const stage = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/*/*';
    for (const result of results.slice(0, 3)) expect(result.response).toMatchObject(allow(stage));
    expect(results[3]).toEqual(UNAUTHORIZED);
    expect(logs.filter((l) => l['outcome']).map((l) => l['reason'] ?? l['format'])).toEqual([
      'rest-request',
      'rest-request',
      'rest-request',
      'bad_signature',
    ]);
  });

  it('REST REQUEST with null headers and multiValueHeaders: a missing token, so Unauthorized (not a crash)', () => {
    const { results, logs } = invokeBuilt(SEED_ENV, [
      restRequestEvent(null, REST_ARN, { nullMaps: true, multiValueHeaders: null }),
    ]);
    expect(results[0]).toEqual(UNAUTHORIZED);
    expect(logs.at(-1)).toMatchObject({ outcome: 'unauthorized', reason: 'missing_token' });
  });

  it('HTTP API 1.0: the Authorization header, not the comma-joined identitySource; always a policy', () => {
    const { results } = invokeBuilt({ ...SEED_ENV, HTTP_API_RESPONSE: 'simple' }, [
      httpV1Event({ authorization: GOOD }, HTTP_ARN),
      httpV1Event({ Authorization: BAD }, HTTP_ARN),
    ]);
    expect(results[0]?.response).toMatchObject(
      allow('arn:aws:execute-api:us-east-1:123456789012:abcdef1234/$default/*/*'),
    );
    expect(results[1]).toEqual(UNAUTHORIZED);
  });

  it('HTTP API 2.0, simple (the default): isAuthorized with the context; Unauthorized otherwise', () => {
    const { results } = invokeBuilt(SEED_ENV, [
      httpV2Event([GOOD], HTTP_ARN, { authorization: GOOD }),
      httpV2Event([], HTTP_ARN, { authorization: GOOD }),
      httpV2Event([BAD], HTTP_ARN),
      httpV2Event([], HTTP_ARN),
    ]);
    expect(results[0]?.response).toEqual({
      isAuthorized: true,
      context: expect.objectContaining({ user_id: 'ncc1701a' }),
    });
    expect(results[1]?.response).toMatchObject({ isAuthorized: true });
    expect(results[2]).toEqual(UNAUTHORIZED);
    expect(results[3]).toEqual(UNAUTHORIZED);
  });

  it('HTTP API 2.0 with HTTP_API_RESPONSE=policy: an IAM policy over the routeArn stage', () => {
    const { results } = invokeBuilt({ ...SEED_ENV, HTTP_API_RESPONSE: 'policy' }, [httpV2Event([GOOD], HTTP_ARN)]);
    expect(results[0]?.response).toMatchObject(
      allow('arn:aws:execute-api:us-east-1:123456789012:abcdef1234/$default/*/*'),
    );
  });

  it('answers an unknown event or version with an error (500), never Unauthorized nor Allow', () => {
    const { results, logs } = invokeBuilt(SEED_ENV, [
      { type: 'REQUEST', version: '3.0', routeArn: HTTP_ARN, identitySource: [GOOD] },
      { type: 'TOKEN', authorizationToken: GOOD },
      { hello: 'world' },
    ]);
    for (const result of results) expect(result.error?.name).toBe('UnsupportedEventError');
    expect(logs.filter((l) => l['outcome']).map((l) => l['reason'])).toEqual([
      'unsupported_event',
      'unsupported_event',
      'unsupported_event',
    ]);
  });
});
