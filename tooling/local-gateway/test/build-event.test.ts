import { CLIENT_CERT_A } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { type ApiLocation, buildEvent, type GatewayRequest, requestArn } from '../src/build-event.ts';

const LOCATION: ApiLocation = { region: 'us-east-1', accountId: '123456789012', apiId: 'localapi01', stage: 'prod' };
const request = (extra: Partial<GatewayRequest> = {}): GatewayRequest => ({
  method: 'GET',
  url: '/pets/42?token=t&token=u&page=2',
  headers: [
    ['Host', 'localhost:3000'],
    ['Cookie', 'theme=dark; session=s'],
    ['cookie', 'lang=en'],
    ['X-Api-Token', 'a'],
  ],
  ...extra,
});

describe('requestArn', () => {
  it("names the request's method and path, or the $connect route of a WebSocket API", () => {
    expect(requestArn(LOCATION, 'GET', '/pets/42')).toBe(
      'arn:aws:execute-api:us-east-1:123456789012:localapi01/prod/GET/pets/42',
    );
    expect(requestArn(LOCATION, 'GET', '/anything', 'websocket')).toBe(
      'arn:aws:execute-api:us-east-1:123456789012:localapi01/prod/$connect',
    );
  });
});

describe('buildEvent', () => {
  it('gives a TOKEN event the first identity value only', () => {
    expect(buildEvent('token', request(), LOCATION, ['Bearer x', 'y'])).toEqual({
      type: 'TOKEN',
      authorizationToken: 'Bearer x',
      methodArn: 'arn:aws:execute-api:us-east-1:123456789012:localapi01/prod/GET/pets/42',
    });
  });

  it('gives a REST REQUEST event both query maps, the last value in the single one, and the certificate', () => {
    const event = buildEvent('request', request({ clientCertPem: CLIENT_CERT_A }), LOCATION, []);
    expect(event).toMatchObject({
      queryStringParameters: { token: 'u', page: '2' },
      multiValueQueryStringParameters: { token: ['t', 'u'], page: ['2'] },
      multiValueHeaders: { Cookie: ['theme=dark; session=s'], cookie: ['lang=en'] },
      requestContext: {
        identity: {
          clientCert: {
            clientCertPem: CLIENT_CERT_A,
            subjectDN: 'CN=jwt-authorizer-client-a',
            serialNumber: expect.any(String),
          },
        },
      },
    });
  });

  it('gives an HTTP API 2.0 event the cookies array, no Cookie header, joined repeats and the certificate', () => {
    const event = buildEvent('http', request({ clientCertPem: CLIENT_CERT_A }), LOCATION, ['a']);
    expect(event).toMatchObject({
      identitySource: ['a'],
      cookies: ['theme=dark', 'session=s', 'lang=en'],
      headers: { host: 'localhost:3000', 'x-api-token': 'a' },
      queryStringParameters: { token: 't,u', page: '2' },
      requestContext: { authentication: { clientCert: { clientCertPem: CLIENT_CERT_A } } },
    });
    expect(event['headers']).not.toHaveProperty('cookie');
  });

  it("gives a WebSocket $connect the REQUEST shape of AWS's example: headers, query maps, no path, no method", () => {
    const event = buildEvent('websocket', request(), LOCATION, []);
    expect(event).toMatchObject({
      type: 'REQUEST',
      methodArn: 'arn:aws:execute-api:us-east-1:123456789012:localapi01/prod/$connect',
      headers: { 'X-Api-Token': 'a' },
      multiValueQueryStringParameters: { token: ['t', 'u'] },
      requestContext: { routeKey: '$connect', eventType: 'CONNECT', stage: 'prod', apiId: 'localapi01' },
    });
    expect(event).not.toHaveProperty('httpMethod');
    expect(event).not.toHaveProperty('path');
  });
});
