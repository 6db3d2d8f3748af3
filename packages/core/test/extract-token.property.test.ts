import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  extractToken,
  readCookie,
  TokenError,
  type TokenErrorCode,
  type TokenRequest,
  type TokenSource,
} from '../src/index.js';

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

describe('readCookie (properties)', () => {
  const cookieName = fc.string({ unit: fc.constantFrom(...'abAB_-.!#'), minLength: 1, maxLength: 4 });
  const cookieValue = fc.string({ unit: fc.constantFrom(...'abc012=-._%"'), maxLength: 8 });
  const space = fc.constantFrom('', ' ', '\t', ' \t');

  it('returns, for a name, the values of exactly the pairs of that name, however the pairs are spaced and split', () => {
    const pair = fc.record({ name: cookieName, value: cookieValue, a: space, b: space, c: space });
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 8 }), fc.nat(8), cookieName, (pairs, split, wanted) => {
        const written = pairs.map(({ name, value, a, b, c }) => `${a}${name}${b}=${c}${value}${a}`);
        const headers = [written.slice(0, split).join(';'), written.slice(split).join(';')];
        const unquote = (v: string) => (v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v);
        const model = pairs.filter((p) => p.name === wanted).map((p) => unquote(p.value));
        expect(readCookie(headers, wanted)).toEqual(model);
      }),
      { numRuns: RUNS },
    );
  });

  it('never crashes on any header text, and every value it returns came from that text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 3 }), cookieName, (h, n) => {
        for (const value of readCookie(h, n)) expect(h.join(';')).toContain(value);
      }),
      { numRuns: RUNS },
    );
  });
});
