import { thrownBy } from '@jwt-authorizer/test-fixtures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_TOKEN_LENGTH,
  type ExtractTokenOptions,
  extractToken,
  parseTokenSources,
  TokenError,
  type TokenErrorCode,
  type TokenRequest,
  type TokenSource,
} from '../src/index.js';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln';
const OTHER = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJiIn0.c2ln';
const ALL = parseTokenSources('header:Authorization,header:X-Api-Token,query:token,cookie:session');

function refusal(request: TokenRequest, options: ExtractTokenOptions = { sources: ALL }): string {
  return thrownBy(() => extractToken(request, options), TokenError).code;
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
    expect(refusal({ query: { token: `xBearer ${JWT}` } })).toBe('malformed_token');
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
    // Cookies come from the Cookie header alone, never from another header holding name=value text.
    expect(refusal({ headers: { 'X-Forwarded-Cookie': `session=${JWT}`, 'Set-Cookie': `session=${JWT}` } })).toBe(
      'missing_token',
    );
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
    expect(refusal({ headers: { Authorization: `Bearer ${JWT}` } }, { sources: ALL, maxLength: 10 })).toBe(
      'token_too_large',
    );
    expect(refusal({ query: { token: JWT } }, { sources: ALL, maxLength: JWT.length - 1 })).toBe('token_too_large');
    expect(extractToken({ query: { token: JWT } }, { sources: ALL, maxLength: JWT.length }).token).toBe(JWT);
  });

  it('takes only strings: null maps, null values and values of other types are absent', () => {
    const odd = { headers: null, query: { token: null }, cookies: null } as unknown as TokenRequest;
    expect(refusal(odd)).toBe('missing_token');
    const weird = { headers: { Authorization: 42 }, query: { token: [null, { a: 1 }] } } as unknown as TokenRequest;
    expect(refusal(weird)).toBe('missing_token');
    expect(refusal({ headers: 'Authorization' } as unknown as TokenRequest)).toBe('missing_token');
  });
});

// PROPERTY_RUNS lowers it where the suite runs hundreds of times (the mutation command sets it).
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

const b64url = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_'), minLength: 1, maxLength: 12 });
/** Compact JWS-shaped strings: what a token source may validly hold. */
const jws = fc.tuple(b64url, b64url, b64url).map((parts) => parts.join('.'));
/** Values no source may turn into a token: no compact JWS, whatever prefix is stripped. */
const garbage = fc.constantFrom('a.b', 'Basic dXNlcjpwYXNz', 'x y z', '!.!.!', 'e30.e30.e30.e30', '%65%79.a.b');

type Kind = TokenSource['kind'];
/** What one source holds in a generated request. */
type Content =
  | { kind: 'absent' }
  | { kind: 'blank'; value: string }
  | { kind: 'token'; token: string; repeated: boolean }
  | { kind: 'ambiguous'; tokens: [string, string] }
  | { kind: 'garbage'; value: string };

const content: fc.Arbitrary<Content> = fc.oneof(
  fc.constant({ kind: 'absent' } as const),
  fc.constantFrom('', ' ', '\t').map((value) => ({ kind: 'blank', value }) as const),
  fc.tuple(jws, fc.boolean()).map(([token, repeated]) => ({ kind: 'token', token, repeated }) as const),
  fc
    .tuple(jws, jws)
    .filter(([a, b]) => a !== b)
    .map((tokens) => ({ kind: 'ambiguous', tokens }) as const),
  garbage.map((value) => ({ kind: 'garbage', value }) as const),
);

const SOURCES: Record<Kind, TokenSource> = {
  header: { kind: 'header', name: 'X-Api-Token' },
  query: { kind: 'query', name: 'token' },
  cookie: { kind: 'cookie', name: 'sId' },
};

/** How the request carries things: header name case, single or multi-value maps, cookies list or header. */
const shape = fc.record({
  headerName: fc.constantFrom('X-Api-Token', 'x-api-token', 'X-API-TOKEN'),
  multiValue: fc.boolean(),
  cookies: fc.constantFrom('list', 'header', 'headers'),
  quoted: fc.boolean(),
  spaces: fc.constantFrom('', ' ', '  ', '\t'),
  bearer: fc.boolean(),
  // Near-miss names holding tokens of their own, which must never be taken.
  decoys: fc.array(jws, { minLength: 3, maxLength: 3 }),
});

type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

const values = (c: Content): string[] => {
  if (c.kind === 'absent') return [];
  if (c.kind === 'blank' || c.kind === 'garbage') return [c.value];
  if (c.kind === 'token') return c.repeated ? [c.token, c.token] : [c.token];
  return [...c.tokens];
};

/** Builds the request the plan describes. */
function requestOf(plan: Record<Kind, Content>, s: Shape): TokenRequest {
  const withBearer = (value: string) => (s.bearer && /\S/.test(value) ? `Bearer ${value}` : value);
  const headerValues = values(plan.header).map(withBearer);
  const queryValues = values(plan.query).map(withBearer);
  const [decoyHeader = '', decoyQuery = '', decoyCookie = ''] = s.decoys;
  const headers: Record<string, string | string[]> = { 'X-Api-Token-2': decoyHeader, Accept: '*/*' };
  // A single-value map keeps one value of a repeated header: the last, as REST's headers map does.
  const last = headerValues.at(-1);
  if (last !== undefined) headers[s.headerName] = s.multiValue ? headerValues : last;
  const query: Record<string, string | string[]> = { Token: decoyQuery, token_: decoyQuery };
  if (queryValues.length > 0) query['token'] = queryValues.length === 1 ? (queryValues[0] as string) : queryValues;
  const pairs = [
    `sid=${decoyCookie}`,
    `SID=${decoyCookie}`,
    `sId2=${decoyCookie}`,
    ...values(plan.cookie).map((value) => `${s.spaces}sId${s.spaces}=${s.spaces}${s.quoted ? `"${value}"` : value}`),
    'theme=dark',
  ];
  const request: TokenRequest = { headers, query };
  if (s.cookies === 'list') return { ...request, cookies: pairs };
  if (s.cookies === 'header') return { ...request, headers: { ...headers, Cookie: pairs.join(`;${s.spaces}`) } };
  return { ...request, headers: { ...headers, cookie: pairs } };
}

/** What the contract says the request gives: the token, or the refusal's code. */
function expected(plan: Record<Kind, Content>, order: Kind[], multiValue: boolean): string {
  for (const kind of order) {
    const c = plan[kind];
    if (c.kind === 'absent' || c.kind === 'blank') continue;
    if (c.kind === 'garbage') return 'malformed_token';
    if (c.kind === 'ambiguous') {
      // A single-value header map kept only the last of the two.
      return kind === 'header' && !multiValue ? c.tokens[1] : 'ambiguous_token';
    }
    return c.token;
  }
  return 'missing_token';
}

function outcome(request: TokenRequest, sources: TokenSource[]): { answer: string; source?: TokenSource } {
  try {
    const { token, source } = extractToken(request, { sources });
    return { answer: token, source };
  } catch (error) {
    expect(error).toBeInstanceOf(TokenError);
    return { answer: (error as TokenError).code satisfies TokenErrorCode };
  }
}

describe('extractToken (properties)', () => {
  const plan = fc.record({ header: content, query: content, cookie: content });
  const order = fc.shuffledSubarray(['header', 'query', 'cookie'] as Kind[], { minLength: 1 });

  it('gives exactly what the first present source holds, never a token of another source or a decoy', () => {
    fc.assert(
      fc.property(plan, order, shape, (p, o, s) => {
        const { answer, source } = outcome(
          requestOf(p, s),
          o.map((kind) => SOURCES[kind]),
        );
        expect(answer).toBe(expected(p, o, s.multiValue));
        if (source) {
          expect(o).toContain(source.kind);
          expect(values(p[source.kind])).toContain(answer);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never takes a token from a source that is not configured, nor from a later one when an earlier is present', () => {
    fc.assert(
      fc.property(plan, order, shape, (p, o, s) => {
        const { source } = outcome(
          requestOf(p, s),
          o.map((kind) => SOURCES[kind]),
        );
        if (!source) return;
        const before = o.slice(0, o.indexOf(source.kind));
        for (const kind of before) expect(['absent', 'blank']).toContain(p[kind].kind);
      }),
      { numRuns: RUNS },
    );
  });

  it('never crashes on anything: any request shape gives a token string or a TokenError', () => {
    const anything = fc.anything({ maxDepth: 3 });
    const map = fc.oneof(fc.constant(null), fc.dictionary(fc.string({ maxLength: 12 }), anything, { maxKeys: 5 }));
    const request = fc.record(
      { headers: map, query: map, cookies: fc.oneof(fc.constant(null), fc.array(anything, { maxLength: 4 })) },
      { requiredKeys: [] },
    );
    const sources = fc.array(
      fc.record({
        kind: fc.constantFrom('header', 'query', 'cookie'),
        name: fc.string({ minLength: 1, maxLength: 8 }),
      }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(request, sources, (r, list) => {
        const { answer } = outcome(r as TokenRequest, list as TokenSource[]);
        expect(typeof answer).toBe('string');
      }),
      { numRuns: RUNS },
    );
  });
});
