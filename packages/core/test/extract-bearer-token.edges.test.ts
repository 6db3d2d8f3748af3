import { describe, expect, it } from 'vitest';
import { extractBearerToken, TokenError } from '../src/index.js';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln';

function refusal(header: string | undefined): TokenError {
  try {
    extractBearerToken(header);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenError);
    return error as TokenError;
  }
  throw new Error('expected a refusal');
}

describe('extractBearerToken at its edges', () => {
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
