import { extractBearerToken, extractToken, parseTokenSources, TokenError } from '@jwt-authorizer/core';
import {
  createTestKey,
  SEED_TOKEN_BAD_SIGNATURE,
  SEED_TOKEN_VALID,
  signToken,
  unsignedToken,
} from '@jwt-authorizer/test-fixtures';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { BARE_TOKEN_PATTERN, BEARER_TOKEN_PATTERN } from '../src/bearer-token-pattern.ts';
import { synthExample } from './support/synth.ts';

// API Gateway applies the expression to the whole header value; without the `g` or `m` flag JavaScript's `^...$`
// means the same as Java's `matches()` for this character set.
const pattern = new RegExp(BEARER_TOKEN_PATTERN);

describe('BEARER_TOKEN_PATTERN', () => {
  it('accepts every credential the Lambda could accept: the seed tokens, fresh tokens, any scheme case', async () => {
    const fresh = await signToken(await createTestKey('ES256'));
    const accepted = [
      `Bearer ${SEED_TOKEN_VALID}`,
      `Bearer ${SEED_TOKEN_BAD_SIGNATURE}`,
      `bearer ${fresh}`,
      `BEARER ${fresh}`,
      `bEaReR   ${fresh}`,
    ];
    for (const value of accepted) {
      expect(pattern.test(value), value.slice(0, 20)).toBe(true);
      expect(() => extractBearerToken(value)).not.toThrow();
    }
  });

  it.each([
    ['an empty value', ''],
    ['a bare token without scheme', SEED_TOKEN_VALID],
    ['another scheme', `Basic ${SEED_TOKEN_VALID}`],
    ['a scheme without token', 'Bearer'],
    ['a scheme and a space', 'Bearer '],
    ['no space after the scheme', `Bearer${SEED_TOKEN_VALID}`],
    ['a tab as separator', `Bearer\t${SEED_TOKEN_VALID}`],
    ['two parts', 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0'],
    ['four parts (JWE has five)', `Bearer ${SEED_TOKEN_VALID}.abc`],
    ['an unsigned token (empty signature)', `Bearer ${unsignedToken({ sub: 'x' })}`],
    ['standard base64 characters', 'Bearer eyJ+/.eyJ=.sig'],
    ['trailing text', `Bearer ${SEED_TOKEN_VALID} x`],
    ['a second credential', `Bearer ${SEED_TOKEN_VALID}, Basic Zm9vOmJhcg==`],
    ['leading text', `x Bearer ${SEED_TOKEN_VALID}`],
    ['a line break inside', `Bearer ${SEED_TOKEN_VALID}\nBearer ${SEED_TOKEN_VALID}`],
  ])('refuses %s, as the Lambda would', (name, value) => {
    expect(pattern.test(value)).toBe(false);
    // The unsigned token passes extraction; verifyToken refuses it (`unsigned_token`), tested in core.
    if (!name.startsWith('an unsigned')) expect(() => extractBearerToken(value)).toThrow(TokenError);
  });

  it('is the validation expression of the deployed TOKEN authorizer', () => {
    Template.fromStack(synthExample()).hasResourceProperties('AWS::ApiGateway::Authorizer', {
      IdentityValidationExpression: BEARER_TOKEN_PATTERN,
    });
  });
});

describe('BARE_TOKEN_PATTERN', () => {
  const bare = new RegExp(BARE_TOKEN_PATTERN);
  const sources = { sources: parseTokenSources('header:X-Api-Token') };
  const lambdaTakes = (value: string) => extractToken({ headers: { 'X-Api-Token': value } }, sources).token;

  it('accepts what the Lambda takes from another header: the bare JWT, or Bearer and the JWT', () => {
    for (const value of [SEED_TOKEN_VALID, `Bearer ${SEED_TOKEN_VALID}`, `bearer  ${SEED_TOKEN_BAD_SIGNATURE}`]) {
      expect(bare.test(value)).toBe(true);
      expect(() => lambdaTakes(value)).not.toThrow();
    }
  });

  it.each([
    ['an empty value', ''],
    ['another scheme', `Basic ${SEED_TOKEN_VALID}`],
    ['two parts', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0'],
    ['an unsigned token', unsignedToken({ sub: 'x' })],
    ['trailing text', `${SEED_TOKEN_VALID} x`],
    ['a leading space', ` ${SEED_TOKEN_VALID}`],
  ])('refuses %s', (_name, value) => {
    expect(bare.test(value)).toBe(false);
  });
});
