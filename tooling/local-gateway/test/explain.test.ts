import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
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

  it('explains a Deny from ROUTE_SCOPES (403) and an init failure (500), both exit 1', async () => {
    const rules = { ...SEED_ENV, ROUTE_SCOPES: '{"GET /admin/*": ["admin"]}' };
    const denied = await explain(['--route', 'GET /admin/x', SEED_TOKEN_VALID], rules);
    expect(denied).toMatchObject({ code: 1, stdout: expect.stringMatching(/^verdict: {2}Deny \(API Gateway: 403\)/) });
    const partial = { ...SEED_ENV, ROUTE_SCOPES: '{"GET /pets": [], "GET /admin/*": ["admin"]}' };
    const other = await explain(['--route', 'GET /admin/x', SEED_TOKEN_VALID], partial);
    expect(other).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/^verdict: {2}Deny .*\nreason: {3}.*other routes/),
    });
    expect((await explain(['--route', 'GET /pets', SEED_TOKEN_VALID], partial)).code).toBe(0);
    const broken = await explain([SEED_TOKEN_VALID], { JWT_PUBLIC_KEY: 'not a key' });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(
      /verdict: {2}Error \(API Gateway: 500\)\nreason: {3}the Lambda's init fails: JWT_PUBLIC_KEY/,
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
