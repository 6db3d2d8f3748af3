import { thrownBy } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_TOKEN_LENGTH, extractBearerToken, TokenError, type TokenErrorCode } from '../src/index.js';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln';

function reasonOf(value: string | undefined | null, maxLength?: number): TokenErrorCode | undefined {
  try {
    extractBearerToken(value, maxLength === undefined ? {} : { maxLength });
    return undefined;
  } catch (error) {
    return (error as { code?: TokenErrorCode }).code;
  }
}

describe('extractBearerToken', () => {
  it('takes the token out of "Bearer <jwt>"', () => {
    expect(extractBearerToken(`Bearer ${JWT}`)).toBe(JWT);
  });

  it('reads the scheme case-insensitively (RFC 7235 §2.1)', () => {
    expect(extractBearerToken(`bearer ${JWT}`)).toBe(JWT);
    expect(extractBearerToken(`BEARER ${JWT}`)).toBe(JWT);
  });

  it('accepts an unsigned-shaped token so that verification can name the reason', () => {
    expect(extractBearerToken('Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.')).toBe(
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.',
    );
  });

  it.each([undefined, null, '', '   '])('refuses a missing credential (%j)', (value) => {
    expect(reasonOf(value)).toBe('missing_token');
  });

  it.each([
    ['another scheme', `Basic ${JWT}`],
    ['another scheme of six letters', `Digest ${JWT}`],
    ['no scheme', JWT],
    ['no token', 'Bearer'],
    ['no token after the spaces', 'Bearer  '],
    ['no space', `Bearer${JWT}`],
    ['extra part', `Bearer ${JWT} extra`],
    ['leading space', ` Bearer ${JWT}`],
  ])('refuses a credential that is not "Bearer <token>": %s', (_, value) => {
    expect(reasonOf(value)).toBe('not_bearer');
  });

  it.each([
    ['two parts', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0'],
    ['a JWE (five parts)', 'a.b.c.d.e'],
    ['non-base64url characters', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIi+iJhIn0.c2ln'],
    ['padding', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0=.c2ln'],
    ['an empty header', '.eyJzdWIiOiJhIn0.c2ln'],
  ])('refuses a token that is not a compact JWS: %s', (_, token) => {
    expect(reasonOf(`Bearer ${token}`)).toBe('malformed_token');
  });

  it('refuses an oversized credential before looking at its shape', () => {
    const huge = `Bearer ${'a'.repeat(DEFAULT_MAX_TOKEN_LENGTH)}`;
    expect(reasonOf(huge)).toBe('token_too_large');
    expect(reasonOf(`Bearer ${JWT}`, 20)).toBe('token_too_large');
    expect(reasonOf(`Bearer ${JWT}`, JWT.length + 7)).toBeUndefined();
  });
});

describe('extractBearerToken at its edges', () => {
  const refusal = (header: string | undefined) => thrownBy(() => extractBearerToken(header), TokenError);

  it('accepts several spaces between scheme and token (RFC 7235 §2.1: 1*SP)', () => {
    expect(extractBearerToken(`Bearer   ${JWT}`)).toBe(JWT);
  });

  it('says why in every refusal, without quoting the credential', () => {
    const cases: Array<[string | undefined, string, RegExp]> = [
      [undefined, 'missing_token', /no bearer token/],
      [`Bearer ${'a'.repeat(9000)}`, 'token_too_large', /9007 characters, over the 8192 cap/],
      [`Basic ${JWT}`, 'not_bearer', /Bearer <token>/],
      ['Bearer a.b', 'malformed_token', /three base64url parts/],
    ];
    for (const [header, code, message] of cases) {
      const error = refusal(header);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      if (header) expect(error.message).not.toContain(header.slice(7, 40));
    }
  });
});
