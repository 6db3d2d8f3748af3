import { createTestKey, signToken, type TestKey } from '@jwt-authorizer/test-fixtures';
import fc from 'fast-check';
import { createLocalJWKSet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractBearerToken, type KeySource, TokenError, verifyToken } from '../src/index.js';

// numRuns stays modest: these run in every `pnpm run check`, on two cores.
// PROPERTY_RUNS lowers it where the suite runs hundreds of times (the mutation command sets it).
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

let rsa: TestKey;
let ec: TestKey;
let keySource: KeySource;
let tokens: string[];
beforeAll(async () => {
  [rsa, ec] = await Promise.all([createTestKey('RS256'), createTestKey('ES256')]);
  keySource = { getKey: createLocalJWKSet({ keys: [rsa.publicJwk, ec.publicJwk] }) };
  tokens = [await signToken(rsa, { iss: 'https://idp.example/' }), await signToken(ec, { aud: 'api' })];
});

const verify = async (token: string) =>
  verifyToken(extractBearerToken(`Bearer ${token}`), keySource, { algorithms: ['RS256', 'ES256'] });

describe('verifyToken (properties)', () => {
  it('accepts the unaltered tokens the properties alter', async () => {
    for (const token of tokens) await expect(verify(token)).resolves.toMatchObject({ principalId: 'user-1' });
  });

  it('refuses every single-byte alteration of a valid token, with a TokenError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(1), fc.nat(), fc.integer({ min: 1, max: 255 }), async (which, at, delta) => {
        const token = tokens[which] ?? '';
        const bytes = Buffer.from(token, 'latin1');
        const index = at % bytes.length;
        bytes[index] = ((bytes[index] ?? 0) + delta) % 256; // never the byte it was
        const error = await verify(bytes.toString('latin1')).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(TokenError);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses every alteration that keeps the token in the base64url alphabet, with a TokenError', async () => {
    // The alteration an attacker tries first: the token still looks like a JWT, so only crypto can tell.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    await fc.assert(
      fc.asyncProperty(fc.nat(1), position(), fc.nat(63), async (which, at, pick) => {
        const token = tokens[which] ?? '';
        const index = at(token);
        if (token[index] === '.') return;
        const replacement = alphabet[pick] === token[index] ? alphabet[(pick + 1) % 64] : alphabet[pick];
        const altered = `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
        await expect(verify(altered)).rejects.toBeInstanceOf(TokenError);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses arbitrary strings and arbitrary three-part strings with a TokenError, never another error', async () => {
    const part = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
    });
    const candidate = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.tuple(part, part, part).map((parts) => parts.join('.')),
      fc
        .tuple(fc.jsonValue(), fc.jsonValue(), part)
        .map(([header, payload, signature]) => [b64(header), b64(payload), signature].join('.')),
      fc
        .record({ alg: fc.constantFrom('RS256', 'ES256', 'none', 'HS256'), kid: fc.string() }, { requiredKeys: [] })
        .map((header) => `${b64(header)}.${tokens[0]?.split('.').slice(1).join('.')}`)
        .filter((token) => token !== tokens[0]),
    );
    await fc.assert(
      fc.asyncProperty(candidate, async (token) => {
        await expect(verify(token)).rejects.toBeInstanceOf(TokenError);
      }),
      { numRuns: RUNS },
    );
  });
});

/**
 * A position in a token: anywhere, or (as often) the first or last character of a part, where the base64url
 * encoding has unused bits and the parser meets its boundaries.
 */
function position(): fc.Arbitrary<(token: string) => number> {
  const anywhere = fc.nat().map((at) => (token: string) => at % token.length);
  const boundary = fc.tuple(fc.nat(2), fc.boolean()).map(([part, last]) => (token: string) => {
    const dots = [-1, token.indexOf('.'), token.lastIndexOf('.'), token.length];
    const start = (dots[part] ?? 0) + 1;
    const end = (dots[part + 1] ?? token.length) - 1;
    return Math.max(0, Math.min(last ? end : start, token.length - 1));
  });
  return fc.oneof(anywhere, boundary);
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url');
}
