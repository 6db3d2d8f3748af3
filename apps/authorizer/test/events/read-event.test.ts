import { CLIENT_CERT_A } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { readEvent } from '../../src/events/read-event.js';
import {
  httpV1Event,
  httpV2Event,
  restRequestEvent,
  restTokenEvent,
  webSocketConnectEvent,
} from '../support/events.js';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/pets/42';
const CONNECT = 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect';

describe('readEvent', () => {
  it('tells the five formats apart, with their ARN', () => {
    expect(readEvent(restTokenEvent('Bearer a', ARN))).toEqual({
      format: 'rest-token',
      arn: ARN,
      authorizationToken: 'Bearer a',
    });
    expect(readEvent(restRequestEvent({ AUTHORIZATION: 'Bearer b' }, ARN))).toMatchObject({
      format: 'rest-request',
      arn: ARN,
    });
    expect(readEvent(httpV1Event({ Authorization: 'Bearer c' }, ARN)).format).toBe('http-1.0');
    expect(readEvent(httpV2Event(['Bearer d'], ARN)).format).toBe('http-2.0');
    expect(readEvent(webSocketConnectEvent({}, CONNECT))).toMatchObject({ format: 'websocket', arn: CONNECT });
  });

  it('merges the single- and multi-value maps of REST-shaped events, the multi-value entry winning', () => {
    const event = restRequestEvent({ Authorization: 'Bearer last' }, ARN, {
      multiValueHeaders: { Authorization: ['Bearer first', 'Bearer last'] },
      query: { token: ['x', 'y'] },
    });
    expect(readEvent(event).carrier).toEqual({
      headers: { Authorization: ['Bearer first', 'Bearer last'] },
      query: { token: ['x', 'y'] },
    });
  });

  it('gives empty maps for null ones, and no cookies list: cookies come from the Cookie header', () => {
    expect(readEvent(restRequestEvent(null, ARN, { nullMaps: true, multiValueHeaders: null })).carrier).toEqual({
      headers: {},
      query: {},
    });
    const ws = readEvent(webSocketConnectEvent({ Cookie: 'session=a' }, CONNECT, { token: 't' }));
    expect(ws.carrier?.headers).toMatchObject({ Cookie: ['session=a'] });
    expect(ws.carrier?.query).toEqual({ token: ['t'] });
    expect(ws.carrier).not.toHaveProperty('cookies');
  });

  it("takes HTTP API 2.0's cookies array and query map as they are, and no identitySource", () => {
    const event = httpV2Event([], ARN, { 'x-api-token': 't' }, { cookies: ['a=1', 'session=s'], query: { q: '1,2' } });
    expect(readEvent(event).carrier).toEqual({
      headers: { 'user-agent': 'curl/8.5.0', 'x-api-token': 't' },
      query: { q: '1,2' },
      cookies: ['a=1', 'session=s'],
    });
    expect(readEvent({ ...event, cookies: undefined }).carrier).not.toHaveProperty('cookies');
  });

  it('reads the client certificate where each format puts it, and only a string', () => {
    expect(readEvent(restRequestEvent({}, ARN, { clientCertPem: CLIENT_CERT_A })).clientCertPem).toBe(CLIENT_CERT_A);
    expect(readEvent(httpV2Event([], ARN, {}, { clientCertPem: CLIENT_CERT_A })).clientCertPem).toBe(CLIENT_CERT_A);
    expect(readEvent(restRequestEvent({}, ARN)).clientCertPem).toBeUndefined();
    const nullCert = restRequestEvent({}, ARN);
    const withNull = { ...nullCert, requestContext: { ...nullCert.requestContext, identity: { clientCert: null } } };
    expect(readEvent(withNull).clientCertPem).toBeUndefined();
    expect(readEvent(restTokenEvent('Bearer a', ARN))).not.toHaveProperty('clientCertPem');
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
