import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_TOKEN_LENGTH,
  type ExtractTokenOptions,
  extractToken,
  parseTokenSources,
  TokenError,
  type TokenRequest,
} from '../src/index.js';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln';
const OTHER = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJiIn0.c2ln';
const ALL = parseTokenSources('header:Authorization,header:X-Api-Token,query:token,cookie:session');

function refusal(request: TokenRequest, options: ExtractTokenOptions = { sources: ALL }): string {
  try {
    extractToken(request, options);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenError);
    return (error as TokenError).code;
  }
  throw new Error('expected a refusal');
}

describe('extractToken', () => {
  it('reads the Authorization header by default, as extractBearerToken does', () => {
    expect(extractToken({ headers: { Authorization: `Bearer ${JWT}` } })).toEqual({
      token: JWT,
      source: { kind: 'header', name: 'Authorization' },
    });
    expect(refusal({ headers: { authorization: `Basic ${JWT}` } }, {})).toBe('not_bearer');
    expect(refusal({ headers: { authorization: JWT } }, {})).toBe('not_bearer');
  });

  it('takes the first source present, in the order configured', () => {
    const request = { headers: { 'x-api-token': OTHER, cookie: `session=${JWT}` }, query: { token: JWT } };
    expect(extractToken(request, { sources: ALL })).toMatchObject({ token: OTHER, source: { name: 'X-Api-Token' } });
    const reversed = parseTokenSources('cookie:session,query:token,header:X-Api-Token');
    expect(extractToken(request, { sources: reversed })).toMatchObject({ token: JWT, source: { kind: 'cookie' } });
  });

  it('skips sources that are absent, empty or blank, and names all of them when none is present', () => {
    const request = { headers: { Authorization: '  ', 'X-Api-Token': '' }, query: { token: '\t' }, cookies: [] };
    expect(refusal(request)).toBe('missing_token');
    expect(() => extractToken({}, { sources: ALL })).toThrow(
      'no token in header:Authorization, header:X-Api-Token, query:token, cookie:session',
    );
    expect(extractToken({ ...request, cookies: [`session=${JWT}`] }, { sources: ALL }).source.kind).toBe('cookie');
  });

  it('refuses a bad token where it is found, without trying the next source', () => {
    const good = { query: { token: JWT }, cookies: [`session=${JWT}`] };
    expect(refusal({ ...good, headers: { Authorization: 'Basic dXNlcjpwYXNz' } })).toBe('not_bearer');
    expect(refusal({ ...good, headers: { 'X-Api-Token': 'not-a-jwt' } })).toBe('malformed_token');
    expect(refusal({ query: { token: 'a.b' }, cookies: [`session=${JWT}`] })).toBe('malformed_token');
  });

  it('takes a bare JWT or "Bearer <jwt>" from every source but Authorization', () => {
    for (const value of [JWT, `Bearer ${JWT}`, `bEaReR   ${JWT}`]) {
      expect(extractToken({ headers: { 'x-api-token': value } }, { sources: ALL }).token).toBe(JWT);
      expect(extractToken({ query: { token: value } }, { sources: ALL }).token).toBe(JWT);
    }
    expect(extractToken({ cookies: [`session="${JWT}"`] }, { sources: ALL }).token).toBe(JWT);
    expect(refusal({ query: { token: `Basic ${JWT}` } })).toBe('malformed_token');
    expect(refusal({ query: { token: `Bearer ${JWT} x` } })).toBe('malformed_token');
    expect(refusal({ query: { token: ` ${JWT}` } })).toBe('malformed_token');
  });

  it('compares header names case-insensitively, query and cookie names exactly', () => {
    expect(extractToken({ headers: { 'X-API-TOKEN': JWT } }, { sources: ALL }).token).toBe(JWT);
    expect(refusal({ query: { Token: JWT }, cookies: [`Session=${JWT}`] })).toBe('missing_token');
  });

  it('reads multi-value maps, and the Cookie header when no cookies list is given', () => {
    expect(extractToken({ headers: { Authorization: [`Bearer ${JWT}`] } }).token).toBe(JWT);
    expect(extractToken({ query: { token: [JWT] } }, { sources: ALL }).token).toBe(JWT);
    const headers = { Cookie: ['theme=dark', `session=${JWT}`] };
    expect(extractToken({ headers }, { sources: ALL }).token).toBe(JWT);
    // A cookies list (HTTP API 2.0) is what the request's cookies are: the Cookie header is not read beside it.
    expect(refusal({ headers, cookies: ['theme=dark'] })).toBe('missing_token');
  });

  it('refuses a source sent twice with different values, and takes one sent twice with the same value', () => {
    expect(refusal({ cookies: [`session=${JWT}; session=${OTHER}`] })).toBe('ambiguous_token');
    expect(refusal({ cookies: [`session=${JWT}`, `session=${OTHER}`] })).toBe('ambiguous_token');
    expect(refusal({ query: { token: [JWT, OTHER] } })).toBe('ambiguous_token');
    expect(refusal({ headers: { 'X-Api-Token': JWT, 'x-api-token': OTHER } })).toBe('ambiguous_token');
    expect(refusal({ headers: { Authorization: [`Bearer ${JWT}`, `Bearer ${OTHER}`] } })).toBe('ambiguous_token');
    expect(extractToken({ cookies: [`session=${JWT}; session="${JWT}"`] }, { sources: ALL }).token).toBe(JWT);
    expect(extractToken({ query: { token: [JWT, JWT, ''] } }, { sources: ALL }).token).toBe(JWT);
  });

  it('refuses an oversized value before parsing it, from every source', () => {
    const huge = `${JWT}${'A'.repeat(DEFAULT_MAX_TOKEN_LENGTH)}`;
    expect(refusal({ headers: { Authorization: `Bearer ${huge}` } })).toBe('token_too_large');
    expect(refusal({ query: { token: huge } })).toBe('token_too_large');
    expect(refusal({ cookies: [`session=${huge}`] })).toBe('token_too_large');
    expect(refusal({ query: { token: JWT } }, { sources: ALL, maxLength: 10 })).toBe('token_too_large');
  });

  it('takes only strings: null maps, null values and values of other types are absent', () => {
    const odd = { headers: null, query: { token: null }, cookies: null } as unknown as TokenRequest;
    expect(refusal(odd)).toBe('missing_token');
    const weird = { headers: { Authorization: 42 }, query: { token: [null, { a: 1 }] } } as unknown as TokenRequest;
    expect(refusal(weird)).toBe('missing_token');
    expect(refusal({ headers: 'Authorization' } as unknown as TokenRequest)).toBe('missing_token');
  });
});
