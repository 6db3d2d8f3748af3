import {
  type CognitoLocal,
  type CognitoPool,
  type CognitoTokens,
  createCognitoPool,
  refreshCognitoTokens,
  signInToCognito,
  startCognitoLocal,
} from '@jwt-authorizer/test-fixtures';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltRun, invokeBuiltAsync } from './support/built-handler.js';
import { contextOf, decisions, tokenEvent } from './support/decisions.js';

// The built bundle against cognito-local (npm), an independent Amazon Cognito emulator started on loopback: a user
// pool, two app clients, a group and two users made through the Cognito API with the real SDK client, and the ID,
// access and refresh tokens its InitiateAuth issues.
let cognito: CognitoLocal;
let pool: CognitoPool;
let member: CognitoTokens; // ada, in the group, signed in to the `web` client
let outsider: CognitoTokens; // bob, in no group, signed in to the `mobile` client
let otherPool: CognitoPool;
let otherPoolMember: CognitoTokens;

beforeAll(async () => {
  cognito = await startCognitoLocal();
  pool = await createCognitoPool(cognito);
  otherPool = await createCognitoPool(cognito);
  [member, outsider, otherPoolMember] = await Promise.all([
    signInToCognito(cognito, pool.clients.web, pool.member),
    signInToCognito(cognito, pool.clients.mobile, pool.outsider),
    signInToCognito(cognito, otherPool.clients.web, otherPool.member),
  ]);
}, 30_000);
afterAll(async () => {
  await cognito?.close();
});

describe('cognito-local, as the tests see it', () => {
  it('names pools <region>_<id> with "local" as region, and issues for <endpoint>/<pool id>', () => {
    expect(pool.userPoolId).toMatch(/^local_[0-9A-Za-z]{8}$/);
    expect(pool.issuer).toBe(`${cognito.endpoint}/${pool.userPoolId}`);
    expect(cognito.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('signs ID and access tokens with RS256 and kid CognitoLocal, carrying the claims Cognito documents', () => {
    for (const token of [member.idToken, member.accessToken]) {
      expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' });
    }
    const access = decodeJwt(member.accessToken);
    expect(Object.keys(access).sort()).toEqual(
      [
        'auth_time',
        'client_id',
        'cognito:groups',
        'event_id',
        'exp',
        'iat',
        'iss',
        'jti',
        'scope',
        'sub',
        'token_use',
        'username',
      ].sort(),
    );
    expect(access).toMatchObject({
      client_id: pool.clients.web,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      username: pool.member.username,
      sub: pool.member.sub,
      'cognito:groups': [pool.group],
      iss: pool.issuer,
    });
    expect(decodeJwt(outsider.accessToken)).not.toHaveProperty('cognito:groups');
    const id = decodeJwt(member.idToken);
    expect(id).toMatchObject({
      aud: pool.clients.web,
      token_use: 'id',
      'cognito:username': pool.member.username,
      email: pool.member.email,
      email_verified: true,
      'cognito:groups': [pool.group],
    });
    expect(id).not.toHaveProperty('client_id');
  });

  it('issues refresh tokens that are JWTs signed by the same key, without kid', () => {
    expect(decodeProtectedHeader(member.refreshToken)).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(Object.keys(decodeJwt(member.refreshToken)).sort()).toEqual(
      ['cognito:username', 'email', 'exp', 'iat', 'iss', 'jti'].sort(),
    );
  });

  it('serves the JWKS and an OpenID discovery document under the issuer', async () => {
    const discovery = await (await fetch(`${pool.issuer}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({ issuer: pool.issuer, jwks_uri: pool.jwksUri });
    const jwks = (await (await fetch(pool.jwksUri)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toMatchObject([{ kty: 'RSA', kid: 'CognitoLocal', alg: 'RS256', use: 'sig' }]);
  });
});

describe('the built authorizer with cognito-local access tokens', () => {
  it('allows them through OpenID discovery from JWT_ISSUER alone, fetching the keys once', async () => {
    const run = await invokeBuiltAsync({ JWT_ISSUER: pool.issuer }, [
      tokenEvent(member.accessToken),
      tokenEvent(outsider.accessToken),
      tokenEvent(otherPoolMember.accessToken),
    ]);
    expect(decisions(run)).toEqual([
      `allow ${pool.member.sub}`,
      `allow ${pool.outsider.sub}`,
      'unauthorized wrong_issuer',
    ]);
    expect(contextOf(run)).toMatchObject({
      client_id: pool.clients.web,
      token_use: 'access',
      'cognito:groups': JSON.stringify([pool.group]),
      iss: pool.issuer,
    });
    const fetched = run.logs.filter((line) => line['message'] === 'keys fetched');
    expect(fetched.map((line) => line['source'])).toEqual(['discovery', 'jwks']);
  });

  it('allows them through JWKS_URI, and refuses another pool of the same emulator by its issuer', async () => {
    const run = await invokeBuiltAsync({ JWKS_URI: pool.jwksUri, JWT_ISSUER: pool.issuer }, [
      tokenEvent(member.accessToken),
      tokenEvent(otherPoolMember.accessToken),
    ]);
    expect(decisions(run)).toEqual([`allow ${pool.member.sub}`, 'unauthorized wrong_issuer']);
  });

  it('allows the access token a refresh gives, and names the principal by PRINCIPAL_CLAIM=username', async () => {
    const refreshed = await refreshCognitoTokens(cognito, pool.clients.web, member.refreshToken);
    expect(decodeJwt(refreshed.accessToken).jti).not.toBe(decodeJwt(member.accessToken).jti);
    const run = await invokeBuiltAsync({ JWT_ISSUER: pool.issuer, PRINCIPAL_CLAIM: 'username' }, [
      tokenEvent(refreshed.accessToken),
    ]);
    expect(run.results[0]?.response).toMatchObject({
      principalId: pool.member.username,
      policyDocument: { Statement: [{ Effect: 'Allow' }] },
    });
  });

  it('refuses an access token whose signature does not match its claims', async () => {
    const [header, , signature] = member.accessToken.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(member.accessToken), sub: 'someone-else' })).toString('base64url')}.${signature}`;
    const run = await invokeBuiltAsync({ JWKS_URI: pool.jwksUri, JWT_ISSUER: pool.issuer }, [tokenEvent(forged)]);
    expect(decisions(run)).toEqual(['unauthorized bad_signature']);
  });
});

/** The environment of a deployment on this pool by its id, its issuer and keys taken from cognito-local. */
const byPoolId = (extra: Record<string, string> = {}) => ({
  COGNITO_USER_POOL_ID: pool.userPoolId,
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
  ...extra,
});
const warningsOf = (run: BuiltRun) =>
  run.logs.filter((line) => line['message'] === 'configuration').map((line) => line['warning']);

describe('the built authorizer with JWT_AUDIENCE=<app client id>', () => {
  it("allows that client's access tokens by their client_id, and refuses the other client's, through discovery", async () => {
    const run = await invokeBuiltAsync({ JWT_ISSUER: pool.issuer, JWT_AUDIENCE: pool.clients.web }, [
      tokenEvent(member.accessToken),
      tokenEvent(outsider.accessToken),
    ]);
    expect(decisions(run)).toEqual([`allow ${pool.member.sub}`, 'unauthorized wrong_audience']);
    expect(run.logs).toContainEqual(
      expect.objectContaining({ reason: 'wrong_audience', detail: expect.stringMatching(/"client_id"/) }),
    );
  });

  it('does the same through JWKS_URI, and accepts several clients listed together', async () => {
    const env = { JWKS_URI: pool.jwksUri, JWT_ISSUER: pool.issuer };
    const one = await invokeBuiltAsync({ ...env, JWT_AUDIENCE: pool.clients.mobile }, [
      tokenEvent(member.accessToken),
      tokenEvent(outsider.accessToken),
    ]);
    expect(decisions(one)).toEqual(['unauthorized wrong_audience', `allow ${pool.outsider.sub}`]);
    const both = await invokeBuiltAsync({ ...env, JWT_AUDIENCE: `${pool.clients.web},${pool.clients.mobile}` }, [
      tokenEvent(member.accessToken),
      tokenEvent(outsider.accessToken),
    ]);
    expect(decisions(both)).toEqual([`allow ${pool.member.sub}`, `allow ${pool.outsider.sub}`]);
  });

  it('judges an ID token by its aud, the client id, when token_use is not restricted', async () => {
    const run = await invokeBuiltAsync({ JWT_ISSUER: pool.issuer, JWT_AUDIENCE: pool.clients.mobile }, [
      tokenEvent(member.idToken),
    ]);
    expect(decisions(run)).toEqual(['unauthorized wrong_audience']);
  });

  it('refuses a refresh token: it has neither aud nor client_id', async () => {
    const run = await invokeBuiltAsync(
      { JWKS_URI: pool.jwksUri, JWT_ISSUER: pool.issuer, JWT_AUDIENCE: pool.clients.web },
      [tokenEvent(member.refreshToken)],
    );
    expect(decisions(run)).toEqual(['unauthorized missing_claim']);
  });
});

describe('the built authorizer with COGNITO_USER_POOL_ID (issuer and keys from the pool id)', () => {
  it("allows access tokens of the pool's client, refusing its ID and refresh tokens and the other client's tokens", async () => {
    const run = await invokeBuiltAsync(byPoolId({ JWT_AUDIENCE: pool.clients.web }), [
      tokenEvent(member.accessToken),
      tokenEvent(member.idToken),
      tokenEvent(member.refreshToken),
      tokenEvent(outsider.accessToken),
    ]);
    expect(decisions(run)).toEqual([
      `allow ${pool.member.sub}`,
      'unauthorized claim_value_not_accepted',
      'unauthorized missing_claim',
      'unauthorized wrong_audience',
    ]);
    expect(run.logs).toContainEqual(
      expect.objectContaining({
        reason: 'claim_value_not_accepted',
        detail: 'claim "token_use" holds no value JWT_CLAIM_VALUES accepts',
        iss: pool.issuer,
        kid: 'CognitoLocal',
      }),
    );
    // The keys come from the JWKS the pool id names, once: no discovery document is asked for.
    expect(run.logs.filter((line) => line['message'] === 'keys fetched')).toMatchObject([{ source: 'jwks' }]);
  });

  it('refuses the refresh token by its missing token_use when no audience is set, and warns about the audience', async () => {
    const run = await invokeBuiltAsync(byPoolId(), [tokenEvent(member.refreshToken), tokenEvent(outsider.accessToken)]);
    expect(decisions(run)).toEqual(['unauthorized claim_value_not_accepted', `allow ${pool.outsider.sub}`]);
    expect(run.logs).toContainEqual(
      expect.objectContaining({ detail: 'claim "token_use" is missing; JWT_CLAIM_VALUES requires it' }),
    );
    expect(warningsOf(run)).toEqual([
      expect.stringMatching(/^COGNITO_USER_POOL_ID without JWT_AUDIENCE/),
      expect.stringMatching(/issuer and keys come from AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER/),
    ]);
  });

  it('allows ID tokens too when JWT_CLAIM_VALUES names token_use, one principal for both with PRINCIPAL_CLAIM=username,cognito:username', async () => {
    const env = byPoolId({
      JWT_AUDIENCE: pool.clients.web,
      JWT_CLAIM_VALUES: '{"token_use":["access","id"]}',
      PRINCIPAL_CLAIM: 'username,cognito:username',
    });
    const run = await invokeBuiltAsync(env, [
      tokenEvent(member.accessToken),
      tokenEvent(member.idToken),
      tokenEvent(member.refreshToken),
    ]);
    expect(decisions(run)).toEqual([
      `allow ${pool.member.username}`,
      `allow ${pool.member.username}`,
      'unauthorized missing_claim',
    ]);
    expect(contextOf(run, 1)).toMatchObject({ token_use: 'id', email: pool.member.email });
  });

  it('restricts callers to a group with a cognito:groups rule', async () => {
    const run = await invokeBuiltAsync(
      byPoolId({
        JWT_AUDIENCE: `${pool.clients.web},${pool.clients.mobile}`,
        JWT_CLAIM_VALUES: JSON.stringify({ 'cognito:groups': [pool.group] }),
      }),
      [tokenEvent(member.accessToken), tokenEvent(outsider.accessToken)],
    );
    expect(decisions(run)).toEqual([`allow ${pool.member.sub}`, 'unauthorized claim_value_not_accepted']);
    expect(contextOf(run)).toMatchObject({ token_use: 'access', 'cognito:groups': JSON.stringify([pool.group]) });
  });

  it("refuses another pool of the same emulator by its issuer, though cognito-local signs every pool's tokens with one key", async () => {
    const run = await invokeBuiltAsync(byPoolId({ JWT_AUDIENCE: otherPool.clients.web }), [
      tokenEvent(otherPoolMember.accessToken),
    ]);
    expect(decisions(run)).toEqual(['unauthorized wrong_issuer']);
  });

  it('allows the access token a refresh gives', async () => {
    const refreshed = await refreshCognitoTokens(cognito, pool.clients.web, member.refreshToken);
    const run = await invokeBuiltAsync(byPoolId({ JWT_AUDIENCE: pool.clients.web, PRINCIPAL_CLAIM: 'username' }), [
      tokenEvent(refreshed.accessToken),
      tokenEvent(refreshed.idToken),
    ]);
    expect(decisions(run)).toEqual([`allow ${pool.member.username}`, 'unauthorized claim_value_not_accepted']);
  });

  it('fails the init for a pool id that is not <region>_<id> without the endpoint override, and for JWT_ISSUER beside it', async () => {
    const run = await invokeBuiltAsync({ COGNITO_USER_POOL_ID: pool.userPoolId }, [tokenEvent(member.accessToken)]);
    expect(run.results[0]?.initError).toMatchObject({
      name: 'ConfigError',
      message: expect.stringMatching(/^COGNITO_USER_POOL_ID: "local_\w+" is not a user pool id/),
    });
    const both = await invokeBuiltAsync(byPoolId({ JWT_ISSUER: pool.issuer }), [tokenEvent(member.accessToken)]);
    expect(both.results[0]?.initError?.message).toMatch(/^COGNITO_USER_POOL_ID \+ JWT_ISSUER: /);
    const twice = await invokeBuiltAsync(byPoolId({ JWKS_URI: pool.jwksUri }), [tokenEvent(member.accessToken)]);
    expect(twice.results[0]?.initError?.message).toMatch(/^JWKS_URI \+ COGNITO_USER_POOL_ID: set exactly one/);
  });
});

describe('the built authorizer with PRINCIPAL_CLAIM lists and without an audience', () => {
  it('names both token types by one list, username then cognito:username', async () => {
    const run = await invokeBuiltAsync({ JWT_ISSUER: pool.issuer, PRINCIPAL_CLAIM: 'username,cognito:username' }, [
      tokenEvent(member.accessToken),
      tokenEvent(member.idToken),
    ]);
    expect(decisions(run)).toEqual([`allow ${pool.member.username}`, `allow ${pool.member.username}`]);
  });

  it('still allows the access tokens of every app client of the pool when no audience is pinned (unchecked, as documented)', async () => {
    const run = await invokeBuiltAsync({ JWKS_URI: pool.jwksUri, JWT_ISSUER: pool.issuer }, [
      tokenEvent(member.accessToken),
      tokenEvent(outsider.accessToken),
    ]);
    expect(decisions(run)).toEqual([`allow ${pool.member.sub}`, `allow ${pool.outsider.sub}`]);
  });

  it("verifies cognito-local's refresh token, a signed JWT here, refusing it for want of a sub", async () => {
    // Amazon Cognito's refresh tokens are encrypted and opaque; cognito-local's are JWTs signed with the pool's key.
    const run = await invokeBuiltAsync({ JWKS_URI: pool.jwksUri, JWT_ISSUER: pool.issuer }, [
      tokenEvent(member.refreshToken),
    ]);
    expect(decisions(run)).toEqual(['unauthorized invalid_principal']);
  });
});
