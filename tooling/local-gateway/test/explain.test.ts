import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  CLIENT_CERT_A_THUMBPRINT,
  CLIENT_CERT_B,
  createTestKey,
  SEED_ENV,
  SEED_TOKEN_BAD_SIGNATURE,
  SEED_TOKEN_VALID,
  signToken,
  startTrapServer,
} from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';

const explainBin = fileURLToPath(new URL('../src/explain.ts', import.meta.url));

/** Runs `explain` in its own process with only `env` as configuration; `stdin` feeds the token for "-". */
async function explain(args: string[], env: Record<string, string> = {}, stdin?: string) {
  const { PATH, HOME } = process.env;
  const run = promisify(execFile)(process.execPath, [explainBin, ...args], { env: { PATH, HOME, ...env } });
  if (stdin !== undefined) {
    run.child.stdin?.end(stdin);
  }
  return run.then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}

describe('explain', () => {
  it("explains the seed's first token: Allow, exit 0, decoded claims and the exact response", async () => {
    const { code, stdout } = await explain([SEED_TOKEN_VALID], SEED_ENV);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^verdict: {2}Allow \(API Gateway: 200/);
    expect(stdout).toContain('"user_id":"ncc1701a"');
    expect(stdout).toContain('"Resource": "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/*/*"');
  });

  it("explains the seed's second token: Unauthorized for bad_signature, exit 1", async () => {
    const { code, stdout } = await explain(['--seed', `Bearer ${SEED_TOKEN_BAD_SIGNATURE}`]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^verdict: {2}Unauthorized \(API Gateway: 401\)/);
    expect(stdout).toMatch(/reason: {3}bad_signature: the signature does not verify/);
    expect(stdout).toContain('response: the Lambda throws Error("Unauthorized")');
  });

  it('reads the token from stdin with "-", and says so when the strict default needs exp', async () => {
    const { code, stdout } = await explain(['-'], { ...SEED_ENV, JWT_REQUIRED_CLAIMS: '' }, SEED_TOKEN_VALID);
    expect(code).toBe(1);
    expect(stdout).toMatch(/reason: {3}missing_claim: .*"exp"/);
  });

  it('explains a Deny from ROUTE_SCOPES (403), exit 1', async () => {
    const rules = { ...SEED_ENV, ROUTE_SCOPES: '{"GET /admin/*": ["admin"]}' };
    const denied = await explain(['--route', 'GET /admin/x', SEED_TOKEN_VALID], rules);
    expect(denied).toMatchObject({ code: 1, stdout: expect.stringMatching(/^verdict: {2}Deny \(API Gateway: 403\)/) });
    expect(denied.stdout).toContain(
      '\nrules:    "GET /admin/*" does not apply: the token\'s scopes hold none of "admin"\n',
    );
    expect(denied.stdout).toContain('\nroutes:   none: a Deny policy\n');
  });

  it('explains an Allow of other routes (403 here) and the route it allows (exit 0)', async () => {
    const partial = { ...SEED_ENV, ROUTE_SCOPES: '{"GET /pets": [], "GET /admin/*": ["admin"]}' };
    const other = await explain(['--route', 'GET /admin/x', SEED_TOKEN_VALID], partial);
    expect(other).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/^verdict: {2}Deny .*\nreason: {3}.*other routes/),
    });
    const allowed = await explain(['--route', 'GET /pets', SEED_TOKEN_VALID], partial);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('\nrules:    "GET /pets" permits it\nroutes:   the token may call GET /pets\n');
  });

  it('explains an init failure (500), exit 1', async () => {
    const broken = await explain([SEED_TOKEN_VALID], { JWT_PUBLIC_KEY: 'not a key' });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(
      /verdict: {2}Error \(API Gateway: 500\)\nreason: {3}the Lambda's init fails: JWT_PUBLIC_KEY/,
    );
  });

  it("says which ROUTE_RULES rule permits a tenant route, or why it refuses another tenant's", async () => {
    const key = await createTestKey('ES256');
    const env = {
      JWT_PUBLIC_KEY: key.publicPem,
      JWT_ALGORITHMS: 'ES256',
      ROUTE_RULES: JSON.stringify({
        'GET /tenants/{tenant_id}/*': {},
        'POST /tenants/{tenant_id}/orders': { scope: 'orders:write' },
      }),
    };
    const t2 = await signToken(key, { tenant_id: 't2' });
    const refused = await explain(['--route', 'GET /tenants/t1/orders', t2], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      /^verdict: {2}Deny \(API Gateway: 403\)\nreason: {3}the token is valid, but the policy allows other routes than GET \/tenants\/t1\/orders \(ROUTE_RULES\): API Gateway answers 403\nrules: {4}"GET \/tenants\/\{tenant_id\}\/\*" does not apply: \{tenant_id\} is "t2", the path has "t1"\nroutes: {3}the token may call GET \/tenants\/t2\/\*\n/,
    );
    const own = await explain(['--route', 'GET /tenants/t2/orders', t2], env);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('\nrules:    "GET /tenants/{tenant_id}/*" permits it\n');
  });

  it("tells an HTTP API simple response's refusal of this route from a token permitted nothing", async () => {
    const key = await createTestKey('ES256');
    const env = {
      JWT_PUBLIC_KEY: key.publicPem,
      JWT_ALGORITHMS: 'ES256',
      ROUTE_RULES: '{"GET /tenants/{tenant_id}/*": {}}',
    };
    const other = await explain(
      ['--event', 'http', '--route', 'GET /tenants/t1/x', await signToken(key, { tenant_id: 't2' })],
      env,
    );
    expect(other.stdout).toMatch(/\nreason: {3}.*other routes than GET \/tenants\/t1\/x/);
    const none = await explain(['--event', 'http', '--route', 'GET /tenants/t1/x', await signToken(key, {})], env);
    expect(none.stdout).toMatch(
      /\nreason: {3}.*no rule of ROUTE_RULES permits it any route.*\nrules: {4}.*tenant_id is missing\nroutes: {3}none/,
    );
  });

  it('never fetches a key the token names (jku, x5u)', async () => {
    const trap = await startTrapServer();
    const url = `${trap.url}/jwks.json`;
    const key = await createTestKey('RS256');
    const token = await signToken(key, {}, { header: { jku: url, x5u: url } });
    const { code, stdout } = await explain(['--event', 'http', token], { JWT_PUBLIC_KEY: key.publicPem });
    await trap.close();
    expect(code).toBe(1);
    expect(stdout).toMatch(/reason: {3}embedded_key/);
    expect(stdout).toContain(`"jku":"${url}"`);
    expect(trap.connections).toBe(0);
  });

  // One explain run per case: each is a process of its own, which takes seconds on a busy machine.
  const IDP_ENV = {
    JWT_TYPE: 'at+jwt',
    JWT_CLAIM_VALUES: '{"token_use":"access"}',
    JWT_MAX_TOKEN_AGE_SECONDS: '600',
  };
  const AT = { header: { typ: 'at+jwt' } };
  it.each([
    [
      'wrong_type',
      { token_use: 'access' },
      {},
      /reason: {3}wrong_type: the token's typ header is missing or not one of JWT_TYPE .*\(no "typ" is not one/,
    ],
    [
      'claim_value_not_accepted',
      { token_use: 'id' },
      AT,
      /reason: {3}claim_value_not_accepted: a claim of JWT_CLAIM_VALUES .*\(claim "token_use" holds no value/,
    ],
    [
      'token_too_old',
      { token_use: 'access', iat: Math.floor(Date.now() / 1000) - 3600 },
      AT,
      /reason: {3}token_too_old: the token was issued longer ago than JWT_MAX_TOKEN_AGE_SECONDS/,
    ],
  ])('names the identity-provider refusal %s in words', async (_code, claims, options, reason) => {
    const key = await createTestKey('RS256');
    const { code, stdout } = await explain([await signToken(key, claims, options)], {
      ...IDP_ENV,
      JWT_PUBLIC_KEY: key.publicPem,
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^verdict: {2}Unauthorized \(API Gateway: 401\)/);
    expect(stdout).toMatch(reason);
  });
});

describe('explain with token sources, WebSocket events and client certificates', () => {
  const SOURCES = { ...SEED_ENV, TOKEN_SOURCES: 'header:Authorization,query:token,cookie:session' };

  it('puts the token where TOKEN_SOURCES reads first: a WebSocket $connect with ?token=, exit 0', async () => {
    const { code, stdout } = await explain(['--event', 'websocket', SEED_TOKEN_VALID], {
      ...SEED_ENV,
      TOKEN_SOURCES: 'query:token',
    });
    expect(code).toBe(0);
    expect(stdout).toContain('\nevent:    WEBSOCKET $connect\n');
    expect(stdout).toContain('\nrequest:  /?token=eyJhbGciOi…\n');
    expect(stdout).toContain('"Resource": "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/*"');
  });

  it('takes --query, --cookie and --header as a request carries them, and names a refusal among them', async () => {
    const cookies = await explain(
      [
        '--event',
        'request',
        '--cookie',
        `session=${SEED_TOKEN_VALID}`,
        '--cookie',
        `session=${SEED_TOKEN_BAD_SIGNATURE}`,
      ],
      SOURCES,
    );
    expect(cookies.code).toBe(1);
    expect(cookies.stdout).toMatch(/reason: {3}ambiguous_token: a token source appears twice with different values/);
    const query = await explain(['--event', 'http', '--query', `token=${SEED_TOKEN_VALID}`], SOURCES);
    expect(query).toMatchObject({ code: 0, stdout: expect.stringMatching(/^verdict: {2}Allow/) });
    const header = await explain(['--header', `X-Api-Token: ${SEED_TOKEN_VALID}`], {
      ...SEED_ENV,
      TOKEN_SOURCES: 'header:X-Api-Token',
    });
    expect(header).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('request:  / | X-Api-Token: eyJhbGciOi…'),
    });
  });

  it('says when an identity source is missing, so the Lambda is never invoked', async () => {
    const { code, stdout } = await explain(['--event', 'request', '--query', `token=${SEED_TOKEN_VALID}`], SEED_ENV);
    expect(code).toBe(1);
    expect(stdout).toMatch(/reason: {3}an identity source is missing or empty: .*the Authorization header/);
    expect(stdout).toContain('response: none: the Lambda was not invoked');
  });

  it('refuses an authorizer type the configuration cannot be deployed with, exit 2', async () => {
    const { code } = await explain(['--event', 'token', SEED_TOKEN_VALID], {
      ...SEED_ENV,
      TOKEN_SOURCES: 'query:token',
    });
    expect(code).toBe(2);
  });

  it('passes --client-cert on, and names certificate_mismatch for a token bound to another certificate', async () => {
    const key = await createTestKey('RS256');
    const token = await signToken(key, { cnf: { 'x5t#S256': CLIENT_CERT_A_THUMBPRINT } });
    const dir = mkdtempSync(join(tmpdir(), 'explain-cert-'));
    try {
      const pem = join(dir, 'client-b.pem');
      writeFileSync(pem, CLIENT_CERT_B);
      const { code, stdout } = await explain(['--event', 'request', '--client-cert', pem, token], {
        JWT_PUBLIC_KEY: key.publicPem,
        CLIENT_CERT_BINDING: 'required',
      });
      expect(code).toBe(1);
      expect(stdout).toMatch(/reason: {3}certificate_mismatch: CLIENT_CERT_BINDING=required, and the token's cnf/);
      expect(stdout).toContain('| client certificate\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
