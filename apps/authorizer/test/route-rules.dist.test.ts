import {
  type CognitoLocal,
  type CognitoPool,
  type CognitoTokens,
  createCognitoPool,
  createTestKey,
  ENTRA_API_CLIENT_ID,
  type ProviderIssuer,
  type ProviderName,
  SEED_PUBLIC_KEY,
  signInToCognito,
  signToken,
  startCognitoLocal,
  startProviderIssuer,
  type TestKey,
} from '@jwt-authorizer/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltRun, invokeBuiltAsync } from './support/built-handler.js';
import { httpV2Event, restTokenEvent } from './support/events.js';

// The worked examples of ROUTE_RULES (the configuration page names each test here) on the built bundle: the
// configuration a deployment of each identity provider copies, with provider-shaped or emulator-issued tokens.
// Each asserts the exact policy API Gateway caches: every route the token may call on the calling stage.
const PREFIX = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234';
const STAGE = `${PREFIX}/prod`;
const at = (route: string) => `${STAGE}/${route}`;

/** The Effect and resources of each response of a run, resources as a list. */
function policies(run: BuiltRun): Array<{ effect: string; resources: string[] } | string> {
  return run.results.map((result) => {
    if (!result.response) return String(result.error?.message ?? result.initError?.message);
    const [statement] = (
      result.response as { policyDocument: { Statement: Array<{ Effect: string; Resource: string | string[] }> } }
    ).policyDocument.Statement;
    const resource = statement?.Resource ?? [];
    return { effect: String(statement?.Effect), resources: Array.isArray(resource) ? resource : [resource] };
  });
}
const allow = (...routes: string[]) => ({ effect: 'Allow', resources: routes.map(at) });
const DENY = { effect: 'Deny', resources: [`${STAGE}/*/*`] };
/** The rule the decision log names for each invocation (undefined: none permits that very request). */
const rulesLogged = (run: BuiltRun) =>
  run.logs.filter((line) => line['outcome'] !== undefined).map((line) => line['rule']);
const bearer = (token: string, route = 'GET/') => restTokenEvent(`Bearer ${token}`, at(route));

describe('worked example: Amazon Cognito groups (cognito-local access tokens)', () => {
  let cognito: CognitoLocal;
  let pool: CognitoPool;
  let member: CognitoTokens;
  let outsider: CognitoTokens;
  beforeAll(async () => {
    cognito = await startCognitoLocal();
    pool = await createCognitoPool(cognito, 'admins');
    [member, outsider] = await Promise.all([
      signInToCognito(cognito, pool.clients.web, pool.member),
      signInToCognito(cognito, pool.clients.web, pool.outsider),
    ]);
  }, 30_000);
  afterAll(async () => {
    await cognito?.close();
  });

  it('gives "cognito:groups" members the admin routes, everyone else the pets routes only', async () => {
    const env = {
      JWKS_URI: pool.jwksUri,
      JWT_ISSUER: pool.issuer,
      ROUTE_RULES: JSON.stringify({
        'GET /pets/*': { token_use: 'access' },
        'DELETE /pets/*': { 'cognito:groups': 'admins' },
      }),
    };
    const run = await invokeBuiltAsync(env, [
      bearer(member.accessToken, 'DELETE/pets/42'),
      bearer(outsider.accessToken, 'DELETE/pets/42'),
      bearer(member.idToken, 'GET/pets/42'),
    ]);
    expect(policies(run)).toEqual([
      allow('GET/pets/*', 'DELETE/pets/*'),
      allow('GET/pets/*'),
      // An ID token has the group, but token_use "id": the GET rule does not apply to it, the DELETE rule does.
      allow('DELETE/pets/*'),
    ]);
    expect(rulesLogged(run)).toEqual(['DELETE /pets/*', undefined, undefined]);
  });
});

describe('worked examples: provider-shaped tokens', () => {
  const issuers = new Map<ProviderName, ProviderIssuer>();
  const idp = (provider: ProviderName) => issuers.get(provider) as ProviderIssuer;
  beforeAll(async () => {
    for (const provider of ['entra', 'keycloak', 'auth0'] as const)
      issuers.set(provider, await startProviderIssuer(provider));
  });
  afterAll(async () => {
    await Promise.all([...issuers.values()].map((issuer) => issuer.close()));
  });
  const envOf = (provider: ProviderName, audience: string, rules: unknown) => ({
    JWKS_URI: idp(provider).jwksUri,
    JWT_ISSUER: idp(provider).issuer,
    JWT_AUDIENCE: audience,
    ROUTE_RULES: JSON.stringify(rules),
  });

  it('Entra ID: app roles in "roles", delegated scopes in "scp"', async () => {
    const env = envOf('entra', ENTRA_API_CLIENT_ID, {
      'GET /orders/*': { scope: 'Orders.Read' },
      'DELETE /orders/*': { roles: 'Orders.Admin' },
    });
    const run = await invokeBuiltAsync(env, [
      bearer(await idp('entra').sign(), 'DELETE/orders/7'),
      bearer(await idp('entra').sign({ roles: ['Orders.Reader'] }), 'DELETE/orders/7'),
      bearer(await idp('entra').sign({ scp: 'User.Read', roles: [] }), 'GET/orders/7'),
    ]);
    expect(policies(run)).toEqual([allow('GET/orders/*', 'DELETE/orders/*'), allow('GET/orders/*'), DENY]);
    expect(rulesLogged(run)).toEqual(['DELETE /orders/*', undefined, undefined]);
  });

  it('Keycloak: realm roles at /realm_access/roles, client roles at /resource_access/<client>/roles', async () => {
    const env = envOf('keycloak', 'orders-api', {
      'GET /orders/*': { '/resource_access/orders-api/roles': 'orders:read' },
      'ANY /admin/*': { '/realm_access/roles': 'admin' },
    });
    const run = await invokeBuiltAsync(env, [
      bearer(await idp('keycloak').sign(), 'PUT/admin/users/ada'),
      bearer(await idp('keycloak').sign({ realm_access: { roles: ['offline_access'] } }), 'PUT/admin/users/ada'),
    ]);
    const admin = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].map((method) => `${method}/admin/*`);
    expect(policies(run)).toEqual([allow('GET/orders/*', ...admin), allow('GET/orders/*')]);
    expect(rulesLogged(run)).toEqual(['ANY /admin/*', undefined]);
  });

  it('Auth0: RBAC "permissions", and a namespaced role claim read as one top-level name', async () => {
    const env = envOf('auth0', 'https://api.example.com/orders', {
      'GET /orders/*': { permissions: 'read:orders' },
      'POST /orders': { permissions: 'write:orders' },
      'DELETE /orders/*': { 'https://example.com/roles': 'admin' },
    });
    const reader = await idp('auth0').sign({ permissions: ['read:orders'], 'https://example.com/roles': [] });
    const run = await invokeBuiltAsync(env, [
      bearer(await idp('auth0').sign(), 'POST/orders'),
      bearer(reader, 'POST/orders'),
    ]);
    expect(policies(run)).toEqual([allow('GET/orders/*', 'POST/orders', 'DELETE/orders/*'), allow('GET/orders/*')]);
    expect(rulesLogged(run)).toEqual(['POST /orders', undefined]);
  });
});

describe('worked example: a multi-tenant API', () => {
  let key: TestKey;
  beforeAll(async () => {
    key = await createTestKey('ES256');
  });
  const env = () => ({
    JWT_PUBLIC_KEY: key.publicPem,
    JWT_ALGORITHMS: 'ES256',
    ROUTE_RULES: JSON.stringify({
      'GET /tenants/{tenant_id}/*': {},
      'POST /tenants/{tenant_id}/orders': { scope: 'orders:write' },
      'DELETE /tenants/{tenant_id}/*': { role: 'tenant-admin' },
    }),
  });

  it("gives each token its own tenant's routes only, so one cached policy is right on every route", async () => {
    const t1 = await signToken(key, { tenant_id: 't1', scope: 'orders:write' });
    const t2admin = await signToken(key, { tenant_id: 't2', role: 'tenant-admin' });
    const run = await invokeBuiltAsync(env(), [
      bearer(t1, 'GET/tenants/t1/orders'),
      bearer(t1, 'GET/tenants/t2/orders'),
      bearer(t2admin, 'DELETE/tenants/t2/orders/9'),
    ]);
    expect(policies(run)).toEqual([
      allow('GET/tenants/t1/*', 'POST/tenants/t1/orders'),
      // The same policy on another tenant's route: API Gateway evaluates it and answers 403.
      allow('GET/tenants/t1/*', 'POST/tenants/t1/orders'),
      allow('GET/tenants/t2/*', 'DELETE/tenants/t2/*'),
    ]);
    expect(rulesLogged(run)).toEqual(['GET /tenants/{tenant_id}/*', undefined, 'DELETE /tenants/{tenant_id}/*']);
  });

  it('denies a token whose tenant cannot go into an ARN as it is (wildcards, slashes, dot-segments, over 64)', async () => {
    const hostile = ['*', 't1*', 't?', 't1/../t2', '..', 'x'.repeat(65), '', 42];
    const events = await Promise.all(
      hostile.map(async (tenant_id) => bearer(await signToken(key, { tenant_id }), 'GET/tenants/t1/orders')),
    );
    const run = await invokeBuiltAsync(env(), events);
    expect(policies(run)).toEqual(hostile.map(() => DENY));
  });

  it('answers HTTP API simple responses for the route of the event', async () => {
    const token = `Bearer ${await signToken(key, { tenant_id: 't1' })}`;
    const run = await invokeBuiltAsync(env(), [
      httpV2Event([token], `${PREFIX}/$default/GET/tenants/t1/orders`),
      httpV2Event([token], `${PREFIX}/$default/GET/tenants/t2/orders`),
      httpV2Event([token], `${PREFIX}/$default/POST/tenants/t1/orders`),
    ]);
    expect(run.results.map((result) => (result.response as { isAuthorized: boolean }).isAuthorized)).toEqual([
      true,
      false,
      false,
    ]);
  });

  it("builds the policy on the calling stage, API, account and partition, whatever the rules' author had in mind", async () => {
    const token = await signToken(key, { tenant_id: 't1' });
    const arn = 'arn:aws-cn:execute-api:cn-north-1:210987654321:zyxw987654/v2/GET/tenants/t1/x';
    const run = await invokeBuiltAsync(env(), [restTokenEvent(`Bearer ${token}`, arn)]);
    expect(policies(run)).toEqual([
      { effect: 'Allow', resources: ['arn:aws-cn:execute-api:cn-north-1:210987654321:zyxw987654/v2/GET/tenants/t1/*'] },
    ]);
  });
});

describe('ROUTE_RULES at init, on the built bundle', () => {
  const key = { JWT_PUBLIC_KEY: SEED_PUBLIC_KEY };

  it('fails with ROUTE_SCOPES set too', async () => {
    const run = await invokeBuiltAsync({ ...key, ROUTE_SCOPES: '{"GET /a": []}', ROUTE_RULES: '{"GET /b": {}}' }, []);
    expect(run.results[0]?.initError?.message).toMatch(/^ROUTE_SCOPES \+ ROUTE_RULES: set at most one/);
  });

  it('fails with rules whose largest policy would not fit, saying by how much', async () => {
    const rules = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`ANY /t${i}/{tenant_id}/*`, {}]));
    const run = await invokeBuiltAsync({ ...key, ROUTE_RULES: JSON.stringify(rules) }, []);
    expect(run.results[0]?.initError?.message).toMatch(
      /^ROUTE_RULES: the rules can make a policy of \d+ bytes of resources, over the 5632 that fit API Gateway's 8 KiB response by \d+:/,
    );
  });
});
