import { randomUUID } from 'node:crypto';
import { SUPPORTED_ALGORITHMS } from '@jwt-authorizer/core';
import { type OAuth2MockServer, startOAuth2MockServer } from '@jwt-authorizer/test-fixtures';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeBuiltAsync } from './support/built-handler.js';
import { contextOf, decisions, tokenEvent } from './support/decisions.js';

// The built bundle against oauth2-mock-server (npm), a second independent issuer on loopback: one server per
// algorithm the product verifies, each with its own freshly generated key, issuing client-credentials access tokens over HTTP.
const CLIENT = 'orders-service';
const servers = new Map<string, OAuth2MockServer>();
const tokens = new Map<string, string>();
const server = (alg: string) => servers.get(alg) as OAuth2MockServer;
let issuers: string;

beforeAll(async () => {
  for (const algorithm of SUPPORTED_ALGORITHMS) servers.set(algorithm, await startOAuth2MockServer({ algorithm }));
  issuers = [...servers.values()].map((idp) => idp.issuer).join(',');
  for (const [alg, idp] of servers) {
    tokens.set(alg, await idp.clientCredentialsToken({ clientId: CLIENT, claims: { client_id: CLIENT } }));
  }
});
afterAll(async () => {
  await Promise.all([...servers.values()].map((idp) => idp.close()));
});

describe('oauth2-mock-server, as the tests see it', () => {
  it('puts iss, iat, exp and nbf in a client-credentials token, and no sub, client_id or jti', async () => {
    const idp = server('RS256');
    const token = await idp.clientCredentialsToken({ clientId: CLIENT });
    expect(decodeProtectedHeader(token)).toEqual({ typ: 'JWT', kid: idp.kid, alg: 'RS256' });
    const claims = decodeJwt(token);
    expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'iss', 'nbf']);
    expect(claims).toMatchObject({
      iss: idp.issuer,
      exp: (claims.iat as number) + 3600,
      nbf: (claims.iat as number) - 10,
    });
  });

  it('copies the requested scope and aud, and takes typ and claims from the signing hook', async () => {
    const token = await server('ES256').clientCredentialsToken({
      clientId: CLIENT,
      scope: 'orders:read orders:write',
      audience: ['https://api.example.com', 'https://other.example.com'],
      header: { typ: 'at+jwt' },
      claims: { client_id: CLIENT },
    });
    expect(decodeProtectedHeader(token)).toMatchObject({ typ: 'at+jwt', alg: 'ES256' });
    expect(decodeJwt(token)).toMatchObject({
      scope: 'orders:read orders:write',
      aud: ['https://api.example.com', 'https://other.example.com'],
      client_id: CLIENT,
    });
  });
});

describe('the built authorizer with oauth2-mock-server tokens of every algorithm', () => {
  it.each(SUPPORTED_ALGORITHMS)('with JWT_ALGORITHMS=%s allows only that algorithm, through discovery', async (alg) => {
    const run = await invokeBuiltAsync(
      { JWT_ISSUER: issuers, JWT_ALGORITHMS: alg, PRINCIPAL_CLAIM: 'client_id' },
      SUPPORTED_ALGORITHMS.map((each) => tokenEvent(tokens.get(each) as string)),
    );
    expect(decisions(run)).toEqual(
      SUPPORTED_ALGORITHMS.map((each) => (each === alg ? `allow ${CLIENT}` : 'unauthorized alg_not_allowed')),
    );
    expect(contextOf(run, SUPPORTED_ALGORITHMS.indexOf(alg))).toMatchObject({
      iss: server(alg).issuer,
      client_id: CLIENT,
    });
  });

  it("allows all of them at once with every algorithm listed, each issuer's keys found by its own discovery", async () => {
    const run = await invokeBuiltAsync(
      { JWT_ISSUER: issuers, JWT_ALGORITHMS: SUPPORTED_ALGORITHMS.join(','), PRINCIPAL_CLAIM: 'client_id' },
      SUPPORTED_ALGORITHMS.map((alg) => tokenEvent(tokens.get(alg) as string)),
    );
    expect(decisions(run)).toEqual(SUPPORTED_ALGORITHMS.map(() => `allow ${CLIENT}`));
    const sources = run.logs.filter((line) => line['message'] === 'keys fetched').map((line) => line['source']);
    // every issuer's document, then its keys, at init
    expect(sources.toSorted()).toEqual(SUPPORTED_ALGORITHMS.flatMap(() => ['discovery', 'jwks']).toSorted());
  });

  it('allows an RFC 9068 access token (typ at+jwt, client_id, sub, jti) for its audience through JWKS_URI', async () => {
    const idp = server('PS256');
    const token = await idp.clientCredentialsToken({
      clientId: CLIENT,
      scope: 'orders:read',
      audience: 'https://api.example.com',
      header: { typ: 'at+jwt' },
      claims: { client_id: CLIENT, sub: CLIENT, jti: 'a6f4c2e0-at-1' },
    });
    const env = { JWKS_URI: idp.jwksUri, JWT_ISSUER: idp.issuer, JWT_ALGORITHMS: 'PS256' };
    const run = await invokeBuiltAsync({ ...env, JWT_AUDIENCE: 'https://api.example.com' }, [tokenEvent(token)]);
    expect(decisions(run)).toEqual([`allow ${CLIENT}`]);
    expect(contextOf(run)).toMatchObject({
      scope: 'orders:read',
      aud: 'https://api.example.com',
      jti: 'a6f4c2e0-at-1',
    });
    const other = await invokeBuiltAsync({ ...env, JWT_AUDIENCE: 'https://other.example.com' }, [tokenEvent(token)]);
    expect(decisions(other)).toEqual(['unauthorized wrong_audience']);
  });

  it("refuses a token signed by another server's key under this server's kid", async () => {
    const victim = server('ES384');
    const attacker = await startOAuth2MockServer({ algorithm: 'ES384' });
    try {
      attacker.server.issuer.url = victim.issuer; // same iss and kid, another key
      const forged = await attacker.clientCredentialsToken({ clientId: CLIENT, claims: { client_id: CLIENT } });
      const run = await invokeBuiltAsync(
        { JWT_ISSUER: victim.issuer, JWT_ALGORITHMS: 'ES384', PRINCIPAL_CLAIM: 'client_id' },
        [tokenEvent(forged), tokenEvent(tokens.get('ES384') as string)],
      );
      expect(decisions(run)).toEqual(['unauthorized bad_signature', `allow ${CLIENT}`]);
    } finally {
      await attacker.close();
    }
  });
});

describe('the built authorizer with RFC 9068 access tokens (JWT_TYPE=at+jwt)', () => {
  const AUDIENCE = 'https://api.example.com';
  /** An RFC 9068 §2.2 access token of a client-credentials grant: typ at+jwt, client_id, and sub = the client. */
  const rfc9068 = (idp: OAuth2MockServer, header: Record<string, unknown> = { typ: 'at+jwt' }, claims = {}) =>
    idp.clientCredentialsToken({
      clientId: CLIENT,
      audience: AUDIENCE,
      header,
      claims: { client_id: CLIENT, sub: CLIENT, jti: randomUUID(), ...claims },
    });

  // One invocation per algorithm, each with the JWKS of its server: the test is about typing, not discovery.
  it.each(SUPPORTED_ALGORITHMS)('allows an at+jwt token signed with %s for its audience', async (alg) => {
    const idp = server(alg);
    const env = { JWKS_URI: idp.jwksUri, JWT_ISSUER: idp.issuer, JWT_ALGORITHMS: alg, JWT_AUDIENCE: AUDIENCE };
    const run = await invokeBuiltAsync({ ...env, JWT_TYPE: 'at+jwt' }, [tokenEvent(await rfc9068(idp))]);
    expect(decisions(run)).toEqual([`allow ${CLIENT}`]);
  });

  it('refuses a token typed JWT, or untyped, and accepts the full media type and any case', async () => {
    const idp = server('ES256');
    const env = { JWKS_URI: idp.jwksUri, JWT_ISSUER: idp.issuer, JWT_ALGORITHMS: 'ES256', JWT_TYPE: 'at+jwt' };
    const untyped = await rfc9068(idp, { typ: undefined });
    expect(decodeProtectedHeader(untyped)).not.toHaveProperty('typ');
    const run = await invokeBuiltAsync(env, [
      tokenEvent(await rfc9068(idp, { typ: 'JWT' })),
      tokenEvent(untyped),
      tokenEvent(await rfc9068(idp, { typ: 'application/at+jwt' })),
      tokenEvent(await rfc9068(idp, { typ: 'AT+JWT' })),
    ]);
    expect(decisions(run)).toEqual([
      'unauthorized wrong_type',
      'unauthorized wrong_type',
      `allow ${CLIENT}`,
      `allow ${CLIENT}`,
    ]);
    expect(run.logs).toContainEqual(
      expect.objectContaining({ reason: 'wrong_type', detail: '"typ" "JWT" is not one of the accepted token types' }),
    );
    // A wrong type is refused from the header: it costs no key fetch.
    expect(run.logs.filter((line) => line['message'] === 'keys fetched')).toHaveLength(1);
  });

  it('refuses a token older than JWT_MAX_TOKEN_AGE_SECONDS, and one without iat', async () => {
    const idp = server('RS256');
    const now = Math.floor(Date.now() / 1000);
    const env = {
      JWKS_URI: idp.jwksUri,
      JWT_ISSUER: idp.issuer,
      JWT_AUDIENCE: AUDIENCE,
      JWT_MAX_TOKEN_AGE_SECONDS: '600',
    };
    const run = await invokeBuiltAsync(env, [
      tokenEvent(await rfc9068(idp)),
      tokenEvent(await rfc9068(idp, { typ: 'at+jwt' }, { iat: now - 3600, nbf: now - 3600 })),
      tokenEvent(await rfc9068(idp, { typ: 'at+jwt' }, { iat: undefined })),
    ]);
    expect(decisions(run)).toEqual([`allow ${CLIENT}`, 'unauthorized token_too_old', 'unauthorized missing_claim']);
  });
});

describe('the built authorizer with client-credentials tokens without sub', () => {
  it('names the client by PRINCIPAL_CLAIM=sub,client_id, and the user by sub when there is one', async () => {
    const idp = server('RS256');
    const withSub = await idp.clientCredentialsToken({ clientId: CLIENT, claims: { client_id: CLIENT, sub: 'ada' } });
    const run = await invokeBuiltAsync(
      { JWKS_URI: idp.jwksUri, JWT_ISSUER: idp.issuer, PRINCIPAL_CLAIM: 'sub,client_id' },
      [tokenEvent(tokens.get('RS256') as string), tokenEvent(withSub)],
    );
    expect(decisions(run)).toEqual([`allow ${CLIENT}`, 'allow ada']);
  });

  it("refuses the server's own client-credentials tokens, which name no client at all, saying which claims it tried", async () => {
    const idp = server('RS256');
    const token = await idp.clientCredentialsToken({ clientId: CLIENT });
    const run = await invokeBuiltAsync(
      { JWKS_URI: idp.jwksUri, JWT_ISSUER: idp.issuer, PRINCIPAL_CLAIM: 'sub,client_id' },
      [tokenEvent(token)],
    );
    expect(decisions(run)).toEqual(['unauthorized invalid_principal']);
    expect(run.logs).toContainEqual(
      expect.objectContaining({ detail: 'none of the principal claims "sub", "client_id" is a non-empty string' }),
    );
  });

  it('takes client_id as the audience of a token without aud, and aud alone when there is one', async () => {
    const idp = server('ES256');
    const env = {
      JWKS_URI: idp.jwksUri,
      JWT_ISSUER: idp.issuer,
      JWT_ALGORITHMS: 'ES256',
      PRINCIPAL_CLAIM: 'client_id',
    };
    const other = await idp.clientCredentialsToken({ clientId: 'billing', claims: { client_id: 'billing' } });
    const forOtherApi = await idp.clientCredentialsToken({
      clientId: CLIENT,
      audience: 'https://other.example.com',
      claims: { client_id: CLIENT },
    });
    const run = await invokeBuiltAsync({ ...env, JWT_AUDIENCE: CLIENT }, [
      tokenEvent(tokens.get('ES256') as string),
      tokenEvent(other),
      tokenEvent(forOtherApi),
    ]);
    expect(decisions(run)).toEqual([`allow ${CLIENT}`, 'unauthorized wrong_audience', 'unauthorized wrong_audience']);
  });

  it("refuses the server's own tokens by default: they have no sub", async () => {
    const idp = server('RS256');
    const token = await idp.clientCredentialsToken({ clientId: CLIENT });
    const run = await invokeBuiltAsync({ JWKS_URI: idp.jwksUri, JWT_ISSUER: idp.issuer }, [tokenEvent(token)]);
    expect(decisions(run)).toEqual(['unauthorized invalid_principal']);
  });
});
