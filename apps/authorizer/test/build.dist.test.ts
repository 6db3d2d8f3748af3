import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VARIABLES } from '@jwt-authorizer/config';
import { METHOD_ARN, SEED_ENV, SEED_TOKEN_BAD_SIGNATURE, SEED_TOKEN_VALID } from '@jwt-authorizer/test-fixtures';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { invokeBuilt } from './support/built-handler.js';

const dist = (name: string) => fileURLToPath(new URL(`../dist/${name}`, import.meta.url));
const tokenEvent = (token: string) => ({ type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn: METHOD_ARN });

describe('the built dist/index.mjs', () => {
  it("allows the seed's first token and refuses the second, under the seed configuration", () => {
    const { results, logs } = invokeBuilt(SEED_ENV, [
      tokenEvent(SEED_TOKEN_VALID),
      tokenEvent(SEED_TOKEN_BAD_SIGNATURE),
    ]);
    expect(results[0]?.response).toMatchObject({
      principalId: 'ncc1701a',
      policyDocument: {
        Statement: [{ Effect: 'Allow', Resource: 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/*/*' }],
      },
      context: { first_name: 'brian', last_name: 'slattery', admin: true, iat: 1516239022 },
    });
    expect(results[1]?.error).toEqual({ name: 'Error', message: 'Unauthorized' });
    expect(logs.filter((line) => line['outcome'])).toMatchObject([
      { outcome: 'allow', principal: 'ncc1701a' },
      { outcome: 'unauthorized', reason: 'bad_signature' },
    ]);
    expect(JSON.stringify(logs)).not.toContain(SEED_TOKEN_VALID.split('.')[2]);
  });

  it('fails its init with one message naming the variable', () => {
    const { results } = invokeBuilt({ JWT_PUBLIC_KEY: 'nope' }, []);
    expect(results[0]?.initError).toMatchObject({
      name: 'ConfigError',
      message: expect.stringMatching(/^JWT_PUBLIC_KEY: /),
    });
  });

  it('imports no package and no built-in: only the lazily loaded chunks of dist/', () => {
    const code = readFileSync(dist('index.mjs'), 'utf8');
    const specifiers = [...code.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]);
    expect(specifiers.length).toBeGreaterThan(0);
    for (const specifier of specifiers) expect(specifier).toMatch(/^\.\//);
    expect(code).toContain('process.getBuiltinModule("node:crypto")');
  });

  it("loads none of the modules behind the built-ins' lazy exports, which an import would read", () => {
    const { results, modules } = invokeBuilt(SEED_ENV, [tokenEvent(SEED_TOKEN_VALID)]);
    expect(results[0]?.response).toMatchObject({ principalId: 'ncc1701a' });
    expect(modules).toContain('NativeModule crypto');
    for (const lazy of ['internal/crypto/webcrypto', 'internal/file', 'timers/promises']) {
      expect(modules).not.toContain(`NativeModule ${lazy}`);
    }
  });

  it("carries the variables' defaults and ranges, which it applies, and not their documentation", () => {
    const code = readFileSync(dist('index.mjs'), 'utf8');
    for (const [name, variable] of Object.entries(VARIABLES)) {
      expect(code).toContain(name);
      expect(code).not.toContain(variable.summary);
    }
    const { results } = invokeBuilt({ ...SEED_ENV, JWT_CLOCK_TOLERANCE_SECONDS: '301' }, []);
    expect(results[0]?.initError?.message).toMatch(/^JWT_CLOCK_TOLERANCE_SECONDS: .*300/);
    const { logs } = invokeBuilt({ ...SEED_ENV, LOG_LEVEL: '' }, [tokenEvent(SEED_TOKEN_VALID)]);
    expect(logs).toContainEqual(expect.objectContaining({ level: 'INFO', outcome: 'allow' })); // LOG_LEVEL's INFO
  });

  it('is zipped with index.mjs at the zip root', () => {
    const entries = unzipSync(readFileSync(dist('authorizer.zip')));
    expect(Object.keys(entries)).toContain('index.mjs');
    expect(Buffer.from(entries['index.mjs'] ?? []).equals(readFileSync(dist('index.mjs')))).toBe(true);
  });
});
