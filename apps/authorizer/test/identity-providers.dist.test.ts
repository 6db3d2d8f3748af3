import {
  ENTRA_API_CLIENT_ID,
  ENTRA_TENANT_ID,
  entraIssuer,
  PROVIDER_SHAPES,
  type ProviderIssuer,
  type ProviderName,
  startProviderIssuer,
} from '@jwt-authorizer/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeBuiltAsync } from './support/built-handler.js';
import { contextOf, decisions, tokenEvent } from './support/decisions.js';

// The built bundle with tokens shaped as Entra ID, Auth0, Okta, Keycloak and Google document them (claims, header,
// issuer form), signed by a fresh key served on loopback at each provider's own JWKS path. Each row is the
// configuration docs/identity-providers.md gives for that provider, with the JWKS URL pointed here instead.
interface Row {
  name: string;
  provider: ProviderName;
  env: (idp: ProviderIssuer) => Record<string, string>;
  principal: string;
  /** Context entries the provider's claims give, as API Gateway receives them. */
  context: Record<string, unknown>;
}

/** A second tenant the multi-tenant Entra ID configuration accepts, and one it does not. */
const PARTNER_TENANT = '5a3d6d8b-0b6e-4c2f-9f2e-1c4b8a7d9e10';
const STRANGER_TENANT = '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const ENTRA_MULTI_TENANT = 'https://login.microsoftonline.com/{tid}/v2.0';
const ENTRA_OID = '00000000-0000-0000-66f3-3332eca7ea81';

const ROWS: Row[] = [
  {
    name: 'Entra ID, one tenant',
    provider: 'entra',
    env: (idp) => ({
      JWKS_URI: idp.jwksUri,
      JWT_ISSUER: idp.issuer,
      JWT_AUDIENCE: ENTRA_API_CLIENT_ID,
      PRINCIPAL_CLAIM: 'oid',
    }),
    principal: ENTRA_OID,
    context: { tid: ENTRA_TENANT_ID, ver: '2.0', scp: 'Orders.Read Orders.Write', roles: '["Orders.Admin"]' },
  },
  {
    name: 'Entra ID, multi-tenant',
    provider: 'entra',
    env: (idp) => ({
      JWKS_URI: idp.jwksUri,
      JWT_ISSUER: ENTRA_MULTI_TENANT,
      JWT_AUDIENCE: ENTRA_API_CLIENT_ID,
      JWT_CLAIM_VALUES: JSON.stringify({ tid: [ENTRA_TENANT_ID, PARTNER_TENANT] }),
      PRINCIPAL_CLAIM: 'oid',
    }),
    principal: ENTRA_OID,
    context: { tid: ENTRA_TENANT_ID, iss: entraIssuer(ENTRA_TENANT_ID) },
  },
  {
    name: 'Auth0',
    provider: 'auth0',
    env: (idp) => ({ JWKS_URI: idp.jwksUri, JWT_ISSUER: idp.issuer, JWT_AUDIENCE: 'https://api.example.com/orders' }),
    principal: 'auth0|6553da60a54af58e29493993',
    context: {
      permissions: '["read:orders","write:orders"]',
      'https://example.com/roles': '["admin"]',
      aud: '["https://api.example.com/orders","https://example-tenant.us.auth0.com/userinfo"]',
    },
  },
  {
    name: 'Okta',
    provider: 'okta',
    env: (idp) => ({
      JWKS_URI: idp.jwksUri,
      JWT_ISSUER: idp.issuer,
      JWT_AUDIENCE: 'api://default',
      PRINCIPAL_CLAIM: 'uid,sub',
    }),
    principal: '00uixa271s6x7qt8I0h7',
    context: { cid: '0oaosna3ilNxgPTmk0h7', scp: '["openid","orders:read"]', ver: 1 },
  },
  {
    name: 'Keycloak',
    provider: 'keycloak',
    env: (idp) => ({
      JWKS_URI: idp.jwksUri,
      JWT_ISSUER: idp.issuer,
      JWT_AUDIENCE: 'orders-api',
      JWT_CLAIM_VALUES: '{"typ":"Bearer"}',
    }),
    principal: '8befeac4-8963-49da-a9ac-f310e8d922d8',
    context: {
      azp: 'orders-web',
      typ: 'Bearer',
      preferred_username: 'ada',
      realm_access: JSON.stringify({
        roles: ['default-roles-example', 'offline_access', 'uma_authorization', 'admin'],
      }),
    },
  },
  {
    name: 'Google',
    provider: 'google',
    // Google's ID tokens name their issuer either way (OpenID Connect guide, "An ID token's payload").
    env: (idp) => ({
      JWKS_URI: idp.jwksUri,
      JWT_ISSUER: 'https://accounts.google.com,accounts.google.com',
      JWT_AUDIENCE: PROVIDER_SHAPES.google.claims.aud as string,
      JWT_CLAIM_VALUES: '{"email_verified":true,"hd":"example.com"}',
    }),
    principal: '110169484474386276334',
    context: { email: 'ada@example.com', email_verified: true, hd: 'example.com' },
  },
];

const issuers = new Map<ProviderName, ProviderIssuer>();
const idp = (provider: ProviderName) => issuers.get(provider) as ProviderIssuer;
const row = (name: string) => ROWS.find((each) => each.name === name) as Row;
const envOf = (name: string, extra: Record<string, string> = {}) => ({
  ...row(name).env(idp(row(name).provider)),
  ...extra,
});
beforeAll(async () => {
  for (const provider of new Set(ROWS.map((each) => each.provider))) {
    issuers.set(provider, await startProviderIssuer(provider));
  }
});
afterAll(async () => {
  await Promise.all([...issuers.values()].map((each) => each.close()));
});

describe('the built authorizer with provider-shaped tokens', () => {
  it.each(ROWS)(
    '$name: allows its tokens with its documented configuration, and refuses them for another audience',
    async (each) => {
      const issuer = idp(each.provider);
      const token = await issuer.sign();
      const allowed = await invokeBuiltAsync(each.env(issuer), [tokenEvent(token)]);
      expect(decisions(allowed)).toEqual([`allow ${each.principal}`]);
      expect(contextOf(allowed)).toMatchObject(each.context);
      expect(allowed.logs.filter((line) => line['message'] === 'configuration')).toEqual([]);
      const refused = await invokeBuiltAsync({ ...each.env(issuer), JWT_AUDIENCE: 'https://another-api.example.com' }, [
        tokenEvent(token),
      ]);
      expect(decisions(refused)).toEqual(['unauthorized wrong_audience']);
    },
  );

  it.each(ROWS)('$name: refuses a token shaped as its own, signed by another key under its kid', async (each) => {
    const issuer = idp(each.provider);
    const impostor = await startProviderIssuer(each.provider);
    try {
      const forged = await impostor.sign({}, { header: { kid: issuer.kid } });
      const run = await invokeBuiltAsync(each.env(issuer), [tokenEvent(forged)]);
      expect(decisions(run)).toEqual(['unauthorized bad_signature']);
    } finally {
      await impostor.close();
    }
  });

  it.each(['keycloak', 'okta'] as const)('discovers %s keys from a path-ful issuer alone', async (provider) => {
    const issuer = idp(provider);
    const token = await issuer.sign({}, { issuer: 'loopback' });
    const run = await invokeBuiltAsync({ JWT_ISSUER: issuer.loopbackIssuer }, [tokenEvent(token)]);
    expect(decisions(run)).toEqual([`allow ${PROVIDER_SHAPES[provider].claims.sub}`]);
    const fetched = run.logs.filter((line) => line['message'] === 'keys fetched');
    expect(fetched.map((line) => line['source'])).toEqual(['discovery', 'jwks']);
  });

  it('routes by Okta scp arrays and Entra scp strings with ROUTE_SCOPES', async () => {
    const routes = JSON.stringify({
      'GET /pets/*': ['orders:read', 'Orders.Read'],
      'DELETE /pets/*': ['orders:admin'],
    });
    for (const name of ['Okta', 'Entra ID, one tenant']) {
      const run = await invokeBuiltAsync(envOf(name, { ROUTE_SCOPES: routes }), [
        tokenEvent(await idp(row(name).provider).sign()),
      ]);
      expect(run.results[0]?.response).toMatchObject({
        policyDocument: { Statement: [{ Effect: 'Allow', Resource: expect.stringMatching(/\/prod\/GET\/pets\/\*$/) }] },
      });
    }
  });
});

describe('Entra ID, multi-tenant: a {tid} issuer and a tid list', () => {
  const tenantToken = (tid: string, claims: Record<string, unknown> = {}) =>
    idp('entra').sign({ iss: entraIssuer(tid), tid, ...claims });

  it('allows every tenant JWT_CLAIM_VALUES lists, each with its own issuer, and refuses another tenant', async () => {
    const run = await invokeBuiltAsync(envOf('Entra ID, multi-tenant'), [
      tokenEvent(await tenantToken(ENTRA_TENANT_ID)),
      tokenEvent(await tenantToken(PARTNER_TENANT)),
      tokenEvent(await tenantToken(STRANGER_TENANT)),
    ]);
    expect(decisions(run)).toEqual([
      `allow ${ENTRA_OID}`,
      `allow ${ENTRA_OID}`,
      'unauthorized claim_value_not_accepted',
    ]);
    expect(contextOf(run, 1)).toMatchObject({ tid: PARTNER_TENANT, iss: entraIssuer(PARTNER_TENANT) });
  });

  it("refuses an iss naming another tenant than the token's tid, and a tid that would change the issuer's path", async () => {
    const run = await invokeBuiltAsync(envOf('Entra ID, multi-tenant'), [
      tokenEvent(await tenantToken(ENTRA_TENANT_ID, { iss: entraIssuer(PARTNER_TENANT) })),
      tokenEvent(await tenantToken(`${ENTRA_TENANT_ID}/x`)),
      tokenEvent(await tenantToken('..', { iss: 'https://login.microsoftonline.com/../v2.0' })),
      tokenEvent(await tenantToken(ENTRA_TENANT_ID, { tid: undefined })),
    ]);
    expect(decisions(run)).toEqual([
      'unauthorized wrong_issuer',
      'unauthorized wrong_issuer',
      'unauthorized wrong_issuer',
      'unauthorized wrong_issuer',
    ]);
  });

  it('lets every tenant through without a tid rule, and warns about it at init', async () => {
    const env = envOf('Entra ID, multi-tenant');
    delete (env as Record<string, string | undefined>)['JWT_CLAIM_VALUES'];
    const run = await invokeBuiltAsync(env, [tokenEvent(await tenantToken(STRANGER_TENANT))]);
    expect(decisions(run)).toEqual([`allow ${ENTRA_OID}`]);
    expect(run.logs).toContainEqual(
      expect.objectContaining({
        level: 'WARN',
        message: 'configuration',
        warning: expect.stringMatching(/JWT_ISSUER holds \{tid\} and JWT_CLAIM_VALUES names no "tid"/),
      }),
    );
  });

  it('fails the init for a {tid} issuer without a key source: its keys cannot be discovered', async () => {
    const run = await invokeBuiltAsync({ JWT_ISSUER: ENTRA_MULTI_TENANT }, [
      tokenEvent(await tenantToken(ENTRA_TENANT_ID)),
    ]);
    expect(run.results[0]?.initError).toMatchObject({
      name: 'ConfigError',
      message: expect.stringMatching(/^JWT_ISSUER: an issuer holding \{tid\} needs a key source/),
    });
  });
});

describe('provider-specific refusals of the documented configurations', () => {
  it('Okta: names a service (client-credentials token: no uid, sub is the client id) by sub', async () => {
    const service = await idp('okta').sign({ uid: undefined, sub: '0oaosna3ilNxgPTmk0h7', scp: ['orders:read'] });
    const run = await invokeBuiltAsync(envOf('Okta'), [tokenEvent(service)]);
    expect(decisions(run)).toEqual(['allow 0oaosna3ilNxgPTmk0h7']);
  });

  it('Keycloak: refuses its ID and refresh tokens by their typ claim, even for the right audience', async () => {
    const run = await invokeBuiltAsync(envOf('Keycloak'), [
      tokenEvent(await idp('keycloak').sign({ typ: 'ID', aud: 'orders-api' })),
      tokenEvent(await idp('keycloak').sign({ typ: 'Refresh', aud: 'orders-api' })),
    ]);
    expect(decisions(run)).toEqual(['unauthorized claim_value_not_accepted', 'unauthorized claim_value_not_accepted']);
  });

  it('Google: refuses an account of another Workspace domain, of no domain, or with an unverified email', async () => {
    const google = idp('google');
    const run = await invokeBuiltAsync(envOf('Google'), [
      tokenEvent(await google.sign({ hd: 'elsewhere.example' })),
      tokenEvent(await google.sign({ hd: undefined })),
      tokenEvent(await google.sign({ email_verified: false })),
      tokenEvent(await google.sign({ iss: 'accounts.google.com' })),
    ]);
    expect(decisions(run)).toEqual([
      'unauthorized claim_value_not_accepted',
      'unauthorized claim_value_not_accepted',
      'unauthorized claim_value_not_accepted',
      `allow ${row('Google').principal}`,
    ]);
  });

  it('Auth0: with the RFC 9068 token profile, JWT_TYPE=at+jwt refuses tokens of the default profile', async () => {
    const auth0 = idp('auth0');
    const run = await invokeBuiltAsync(envOf('Auth0', { JWT_TYPE: 'at+jwt' }), [
      tokenEvent(await auth0.sign({}, { header: { typ: 'at+jwt' } })),
      tokenEvent(await auth0.sign()),
    ]);
    expect(decisions(run)).toEqual([`allow ${row('Auth0').principal}`, 'unauthorized wrong_type']);
  });
});
