import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METHOD_ARN } from '@jwt-authorizer/test-fixtures';
import { decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeBuiltAsync } from './support/built-handler.js';

// End to end with a real OpenID provider (the `oidc-provider` package) on loopback: it issues client-credentials
// access tokens as JWTs (RFC 9068), and the built authorizer verifies them through the provider's own JWKS.
const AUDIENCE = 'https://api.example.com';
let server: Server;
let issuer: string;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'provider-key-1', alg: 'RS256', use: 'sig' }] },
    clients: [
      {
        client_id: 'orders-service',
        client_secret: 'a-secret-long-enough-for-the-provider',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
    ],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'orders:read',
          audience: AUDIENCE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 300,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
  });
  server.on('request', provider.callback());
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function accessToken(): Promise<string> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('orders-service:a-secret-long-enough-for-the-provider').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'orders:read' }),
  });
  const body = (await response.json()) as { access_token?: string };
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.access_token as string;
}

const tokenEvent = (token: string) => ({ type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn: METHOD_ARN });

describe('the built authorizer against a real OpenID provider', () => {
  it('allows its client-credentials access tokens, found through OIDC discovery', async () => {
    const token = await accessToken();
    expect(token.split('.')).toHaveLength(3);
    const { results, logs } = await invokeBuiltAsync({ JWT_ISSUER: issuer, JWT_AUDIENCE: AUDIENCE }, [
      tokenEvent(token),
      tokenEvent(await accessToken()),
    ]);
    for (const result of results) {
      expect(result.response).toMatchObject({
        principalId: 'orders-service',
        policyDocument: { Statement: [{ Effect: 'Allow' }] },
        context: { client_id: 'orders-service', scope: 'orders:read', iss: issuer, aud: AUDIENCE },
      });
    }
    // at init, one request for the document and one for the keys it names; none for the tokens
    const fetched = logs.filter((line) => line['message'] === 'keys fetched');
    expect(fetched).toMatchObject([
      { source: 'discovery', result: 'ok' },
      { source: 'jwks', result: 'ok' },
    ]);
  });

  it('allows them through JWKS_URI too, and refuses them for another audience', async () => {
    const token = await accessToken();
    const jwksUri = `${issuer}/jwks`;
    const allowed = await invokeBuiltAsync({ JWKS_URI: jwksUri, JWT_ISSUER: issuer, JWT_AUDIENCE: AUDIENCE }, [
      tokenEvent(token),
    ]);
    expect(allowed.results[0]?.response).toMatchObject({ principalId: 'orders-service' });
    const refused = await invokeBuiltAsync({ JWKS_URI: jwksUri, JWT_AUDIENCE: 'https://other.example.com' }, [
      tokenEvent(token),
    ]);
    expect(refused.results[0]?.error?.message).toBe('Unauthorized');
    expect(refused.logs).toContainEqual(expect.objectContaining({ reason: 'wrong_audience' }));
  });

  it('allows them with the generic OpenID provider configuration: discovery, audience, explicit typing', async () => {
    const token = await accessToken();
    expect(decodeProtectedHeader(token).typ).toBe('at+jwt'); // RFC 9068 §2.1
    const env = { JWT_ISSUER: issuer, JWT_AUDIENCE: AUDIENCE, JWT_TYPE: 'at+jwt', PRINCIPAL_CLAIM: 'sub,client_id' };
    const run = await invokeBuiltAsync(env, [tokenEvent(token)]);
    expect(run.results[0]?.response).toMatchObject({ principalId: 'orders-service' });
    expect(run.logs.filter((line) => line['message'] === 'configuration')).toEqual([]);
  });
});
