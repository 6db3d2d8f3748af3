import {
  CLIENT_CERT_A,
  CLIENT_CERT_A_THUMBPRINT,
  CLIENT_CERT_B,
  createTestKey,
  signToken,
  type TestKey,
} from '@jwt-authorizer/test-fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { invokeBuilt } from './support/built-handler.js';
import { decisions } from './support/decisions.js';
import { httpV1Event, httpV2Event, restRequestEvent, restTokenEvent, webSocketConnectEvent } from './support/events.js';

// CLIENT_CERT_BINDING=required on the built dist/index.mjs: RFC 8705 §3 certificate-bound access tokens, the client
// certificate read where API Gateway puts it after mutual TLS (rest-api-mutual-tls.html, http-api-mutual-tls.html).
const REST_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/pets/42';
const HTTP_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/$default/GET/pets/42';
const CONNECT_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect';

let key: TestKey;
let env: Record<string, string>;
let boundToA: string;
beforeAll(async () => {
  key = await createTestKey('ES256');
  env = { JWT_PUBLIC_KEY: key.publicPem, JWT_ALGORITHMS: 'ES256', CLIENT_CERT_BINDING: 'required' };
  boundToA = `Bearer ${await signToken(key, { sub: 'device-a', cnf: { 'x5t#S256': CLIENT_CERT_A_THUMBPRINT } })}`;
});

describe('CLIENT_CERT_BINDING=required', () => {
  it("allows a token bound to the request's certificate, on REST, HTTP API 1.0 and 2.0 events", () => {
    const { results, logs } = invokeBuilt(env, [
      restRequestEvent({ Authorization: boundToA }, REST_ARN, { clientCertPem: CLIENT_CERT_A }),
      {
        ...httpV1Event({ Authorization: boundToA }, HTTP_ARN),
        requestContext: {
          ...restRequestEvent({}, HTTP_ARN, { clientCertPem: CLIENT_CERT_A }).requestContext,
          stage: '$default',
        },
      },
      httpV2Event([boundToA], HTTP_ARN, {}, { clientCertPem: CLIENT_CERT_A }),
    ]);
    expect(decisions({ results, logs })).toEqual(['allow device-a', 'allow device-a', 'allow device-a']);
    expect(results[2]?.response).toMatchObject({ isAuthorized: true });
  });

  it('refuses (401) the same token with another certificate, with none, and a token without cnf', async () => {
    const unbound = `Bearer ${await signToken(key, { sub: 'device-a' })}`;
    const { results, logs } = invokeBuilt(env, [
      restRequestEvent({ Authorization: boundToA }, REST_ARN, { clientCertPem: CLIENT_CERT_B }),
      restRequestEvent({ Authorization: boundToA }, REST_ARN),
      httpV2Event([boundToA], HTTP_ARN, {}, { clientCertPem: 'CERT_CONTENT' }),
      restRequestEvent({ Authorization: unbound }, REST_ARN, { clientCertPem: CLIENT_CERT_A }),
    ]);
    for (const result of results) expect(result).toEqual({ error: { name: 'Error', message: 'Unauthorized' } });
    expect(decisions({ results, logs })).toEqual([
      'unauthorized certificate_mismatch',
      'unauthorized missing_client_certificate',
      'unauthorized missing_client_certificate',
      'unauthorized unbound_token',
    ]);
  });

  it('checks the certificate on every request, also for a token the container has verified before', () => {
    const { logs, results } = invokeBuilt(env, [
      restRequestEvent({ Authorization: boundToA }, REST_ARN, { clientCertPem: CLIENT_CERT_A }),
      restRequestEvent({ Authorization: boundToA }, REST_ARN, { clientCertPem: CLIENT_CERT_B }),
      restRequestEvent({ Authorization: boundToA }, REST_ARN, { clientCertPem: CLIENT_CERT_A }),
    ]);
    expect(decisions({ logs, results })).toEqual([
      'allow device-a',
      'unauthorized certificate_mismatch',
      'allow device-a',
    ]);
  });

  it('fails (500) for TOKEN and WebSocket events, which can carry no certificate', () => {
    const { results, logs } = invokeBuilt({ ...env, TOKEN_SOURCES: 'header:Authorization,query:token' }, [
      restTokenEvent(boundToA, REST_ARN),
      webSocketConnectEvent({ Authorization: boundToA }, CONNECT_ARN),
    ]);
    for (const result of results) expect(result.error?.name).toBe('UnsupportedEventError');
    expect(logs.filter((line) => line['outcome']).map((line) => line['reason'])).toEqual([
      'incompatible_event',
      'incompatible_event',
    ]);
  });

  it('ignores certificates and cnf when binding is off (the default)', () => {
    const { results } = invokeBuilt({ JWT_PUBLIC_KEY: key.publicPem, JWT_ALGORITHMS: 'ES256' }, [
      restRequestEvent({ Authorization: boundToA }, REST_ARN, { clientCertPem: CLIENT_CERT_B }),
      restTokenEvent(boundToA, REST_ARN),
    ]);
    for (const result of results) expect(result.response).toMatchObject({ principalId: 'device-a' });
  });
});
