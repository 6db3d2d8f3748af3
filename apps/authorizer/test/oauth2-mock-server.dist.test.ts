import { ASYMMETRIC_ALGORITHMS, type OAuth2MockServer, startOAuth2MockServer } from '@jwt-authorizer/test-fixtures';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeBuiltAsync } from './support/built-handler.js';
import { contextOf, decisions, tokenEvent } from './support/decisions.js';

// The built bundle against oauth2-mock-server (npm), a second independent issuer on loopback: one server per
// algorithm, each with its own freshly generated key, issuing client-credentials access tokens over HTTP.
const CLIENT = 'orders-service';
const servers = new Map<string, OAuth2MockServer>();
const tokens = new Map<string, string>();
const server = (alg: string) => servers.get(alg) as OAuth2MockServer;
let issuers: string;

beforeAll(async () => {
  for (const algorithm of ASYMMETRIC_ALGORITHMS) servers.set(algorithm, await startOAuth2MockServer({ algorithm }));
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
  it.each(ASYMMETRIC_ALGORITHMS)(
    'with JWT_ALGORITHMS=%s allows only that algorithm, through discovery',
    async (alg) => {
      const run = await invokeBuiltAsync(
        { JWT_ISSUER: issuers, JWT_ALGORITHMS: alg, PRINCIPAL_CLAIM: 'client_id' },
        ASYMMETRIC_ALGORITHMS.map((each) => tokenEvent(tokens.get(each) as string)),
      );
      expect(decisions(run)).toEqual(
        ASYMMETRIC_ALGORITHMS.map((each) => (each === alg ? `allow ${CLIENT}` : 'unauthorized alg_not_allowed')),
      );
      expect(contextOf(run, ASYMMETRIC_ALGORITHMS.indexOf(alg))).toMatchObject({
        iss: server(alg).issuer,
        client_id: CLIENT,
      });
    },
  );

  it("allows all of them at once with every algorithm listed, each issuer's keys found by its own discovery", async () => {
    const run = await invokeBuiltAsync(
      { JWT_ISSUER: issuers, JWT_ALGORITHMS: ASYMMETRIC_ALGORITHMS.join(','), PRINCIPAL_CLAIM: 'client_id' },
      ASYMMETRIC_ALGORITHMS.map((alg) => tokenEvent(tokens.get(alg) as string)),
    );
    expect(decisions(run)).toEqual(ASYMMETRIC_ALGORITHMS.map(() => `allow ${CLIENT}`));
    expect(run.logs.filter((line) => line['message'] === 'keys fetched')).toHaveLength(ASYMMETRIC_ALGORITHMS.length);
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

// What the configuration cannot say yet, pinned so that the change shows: each expectation is the one to flip.
describe('today, before explicit typing and principal lists (expected to change)', () => {
  it("refuses the server's own client-credentials tokens by default: they have no sub", async () => {
    const token = await server('RS256').clientCredentialsToken({ clientId: CLIENT });
    const run = await invokeBuiltAsync({ JWT_ISSUER: server('RS256').issuer }, [tokenEvent(token)]);
    expect(decisions(run)).toEqual(['unauthorized invalid_principal']);
  });

  it('reads PRINCIPAL_CLAIM=sub,client_id as one claim name, so a token with client_id and no sub is refused', async () => {
    const run = await invokeBuiltAsync({ JWT_ISSUER: server('RS256').issuer, PRINCIPAL_CLAIM: 'sub,client_id' }, [
      tokenEvent(tokens.get('RS256') as string),
    ]);
    expect(decisions(run)).toEqual(['unauthorized invalid_principal']);
  });

  it('does not read JWT_TYPE: a token typed JWT passes with JWT_TYPE=at+jwt', async () => {
    const token = tokens.get('RS256') as string;
    expect(decodeProtectedHeader(token).typ).toBe('JWT');
    const run = await invokeBuiltAsync(
      { JWT_ISSUER: server('RS256').issuer, JWT_TYPE: 'at+jwt', PRINCIPAL_CLAIM: 'client_id' },
      [tokenEvent(token)],
    );
    expect(decisions(run)).toEqual([`allow ${CLIENT}`]);
  });
});
