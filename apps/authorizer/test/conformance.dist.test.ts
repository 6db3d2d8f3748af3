import { METHOD_ARN, startTrapServer } from '@jwt-authorizer/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltRun, invokeBuiltAsync } from './support/built-handler.js';

// The same generated attack list as core's conformance suite: both must give every attack the same reason. It lives
// in core's tests, outside this package's rootDir, so it is imported at run time and typed here by its shape.
interface ConformanceSuite {
  jwks: string;
  env: Record<string, string>;
  attacks: Array<{ name: string; token: string; expected: string }>;
  hostileClaims: Array<{ name: string; token: string }>;
  controls: { rs256: string; es256: string };
}
const generator = new URL('../../../packages/core/test/conformance/attack-tokens.ts', import.meta.url).href;
const { createConformanceSuite } = (await import(generator)) as {
  createConformanceSuite: (loopbackUrl: string) => ConformanceSuite;
};

// `jku`, `x5u` and some `kid`s point at this server; it must never be asked.
const trap = await startTrapServer();
afterAll(() => trap.close());

const suite = createConformanceSuite(trap.url);
const event = (token: string) => ({ type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn: METHOD_ARN });
const tokens = [
  ...suite.attacks.map((attack) => attack.token),
  suite.controls.rs256,
  suite.controls.es256,
  ...suite.hostileClaims.map((item) => item.token),
];

// One child process runs every token, the way one warm Lambda container would.
let run: BuiltRun;
let decisions: Array<Record<string, unknown>>;
beforeAll(async () => {
  run = await invokeBuiltAsync(suite.env, tokens.map(event));
  decisions = run.logs.filter((line) => line['outcome'] !== undefined);
  expect(decisions).toHaveLength(tokens.length);
});

describe('conformance: attack tokens against the built dist/index.mjs', () => {
  it.each(suite.attacks.map((attack, index) => ({ ...attack, index })))(
    'refuses $name with "Unauthorized", logging $expected',
    ({ index, expected }) => {
      expect(run.results[index]).toEqual({ error: { name: 'Error', message: 'Unauthorized' } });
      expect(decisions[index]).toMatchObject({ outcome: 'unauthorized', reason: expected });
    },
  );

  it('allows the untouched tokens the attacks were made from', () => {
    const start = suite.attacks.length;
    for (const index of [start, start + 1]) {
      expect(run.results[index]?.response).toMatchObject({ principalId: 'user-1' });
      expect(decisions[index]).toMatchObject({ outcome: 'allow' });
    }
  });

  it('allows valid tokens with hostile claims, answering with a contract-valid response', () => {
    for (let index = suite.attacks.length + 2; index < tokens.length; index++) {
      const response = run.results[index]?.response as { principalId: string; context: Record<string, unknown> };
      expect(response.principalId).toBe('user-1');
      for (const value of Object.values(response.context)) {
        expect(['string', 'number', 'boolean']).toContain(typeof value);
      }
      expect(Object.keys(response.context)).not.toContain('__proto__');
      expect(Object.keys(response.context)).not.toContain('constructor');
      expect(Buffer.byteLength(JSON.stringify(response))).toBeLessThan(8192);
    }
  });

  it('never connects to the server that jku / x5u / kid point at', () => {
    expect(trap.connections).toBe(0);
  });

  it('never logs a token, a signature or a key', () => {
    const logs = JSON.stringify(run.logs);
    for (const token of tokens) {
      const signature = token.split('.')[2] ?? '';
      if (signature.length > 16) expect(logs).not.toContain(signature);
      expect(logs).not.toContain(token);
    }
    const { keys } = JSON.parse(suite.jwks) as { keys: Array<{ n?: string; x?: string }> };
    for (const key of keys) expect(logs).not.toContain((key.n ?? key.x ?? '').slice(0, 32));
  });
});
