import { describe, expect, it } from 'vitest';
import { readEvent } from '../../src/events/read-event.js';
import { httpV1Event, httpV2Event, restRequestEvent, restTokenEvent } from '../support/events.js';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/pets/42';

describe('readEvent', () => {
  it('tells the four formats apart and finds their credential and ARN', () => {
    expect(readEvent(restTokenEvent('Bearer a', ARN))).toEqual({
      format: 'rest-token',
      credential: 'Bearer a',
      arn: ARN,
    });
    expect(readEvent(restRequestEvent({ AUTHORIZATION: 'Bearer b' }, ARN))).toEqual({
      format: 'rest-request',
      credential: 'Bearer b',
      arn: ARN,
    });
    expect(readEvent(httpV1Event({ Authorization: 'Bearer c' }, ARN))).toMatchObject({
      format: 'http-1.0',
      credential: 'Bearer c',
    });
    expect(readEvent(httpV2Event(['Bearer d', 'other'], ARN))).toMatchObject({
      format: 'http-2.0',
      credential: 'Bearer d',
    });
    expect(readEvent(httpV2Event([''], ARN, { authorization: 'Bearer e' }))).toMatchObject({ credential: 'Bearer e' });
  });

  it('leaves the credential undefined when there is none, even with null maps', () => {
    expect(
      readEvent(restRequestEvent(null, ARN, { nullMaps: true, multiValueHeaders: null })).credential,
    ).toBeUndefined();
    expect(readEvent({ ...httpV2Event([], ARN), identitySource: null }).credential).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['a string', 'TOKEN'],
    ['TOKEN without methodArn', { type: 'TOKEN', authorizationToken: 'Bearer a' }],
    ['REQUEST of an unknown version', { type: 'REQUEST', version: '3.0', methodArn: ARN }],
    ['2.0 without routeArn', { type: 'REQUEST', version: '2.0', identitySource: ['Bearer a'] }],
  ])('refuses %s as an unsupported event', (_, event) => {
    expect(() => readEvent(event)).toThrow(expect.objectContaining({ code: 'unsupported_event' }));
  });
});
