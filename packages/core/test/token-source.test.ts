import { thrownBy } from '@jwt-authorizer/test-fixtures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_TOKEN_SOURCES,
  formatTokenSource,
  isAuthorizationHeader,
  parseTokenSources,
} from '../src/index.js';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

function problem(raw: string): string {
  const error = thrownBy(() => parseTokenSources(raw), ConfigError);
  expect(error).toMatchObject({ code: 'invalid_value', variable: 'TOKEN_SOURCES' });
  return error.message;
}

describe('parseTokenSources', () => {
  it('reads the three kinds in the order written, trimming entries and names', () => {
    expect(parseTokenSources(' header:X-Api-Token , query:access_token,cookie: session ')).toEqual([
      { kind: 'header', name: 'X-Api-Token' },
      { kind: 'query', name: 'access_token' },
      { kind: 'cookie', name: 'session' },
    ]);
  });

  it('has the Authorization header as its default, frozen', () => {
    expect(DEFAULT_TOKEN_SOURCES).toEqual([{ kind: 'header', name: 'Authorization' }]);
    expect(Object.isFrozen(DEFAULT_TOKEN_SOURCES)).toBe(true);
  });

  it.each([
    ['', /names no source/],
    [' , ,', /names no source/],
    ['Authorization', /is not header:<name>/],
    ['Header:Authorization', /is not header:<name>/],
    ['body:token', /is not header:<name>/],
    ['xheader:Authorization', /is not header:<name>/],
    ['header:', /a header name is/],
    ['header:X Token', /a header name is/],
    ['query:a b', /a query name is/],
    ['query:tok%65n', /a query name is/],
    ['query:token[]', /a query name is/],
    ['cookie:a=b', /a cookie name is/],
    ['cookie:a;b', /a cookie name is/],
    ['header:Cookie', /name the cookie/],
  ])('refuses %j', (raw, message) => {
    expect(problem(raw)).toMatch(message);
  });

  it('takes any HTTP token character in header and cookie names, and "cookie" as a query or cookie name', () => {
    expect(parseTokenSources("header:X-Token!#$%&'*+^`|~,cookie:s$id,query:cookie,cookie:cookie")).toEqual([
      { kind: 'header', name: "X-Token!#$%&'*+^`|~" },
      { kind: 'cookie', name: 's$id' },
      { kind: 'query', name: 'cookie' },
      { kind: 'cookie', name: 'cookie' },
    ]);
  });

  it('refuses a source listed twice, header names compared case-insensitively, others exactly', () => {
    expect(problem('header:Authorization,header:authorization')).toMatch(/twice/);
    expect(problem('cookie:a,cookie:a')).toMatch(/twice/);
    expect(parseTokenSources('cookie:a,cookie:A,query:a,query:A,header:a')).toHaveLength(5);
  });

  it('formats sources as they are written, and knows the Authorization header whatever its case', () => {
    expect(parseTokenSources('query:token,cookie:Session,header:X-Api-Token').map(formatTokenSource)).toEqual([
      'query:token',
      'cookie:Session',
      'header:X-Api-Token',
    ]);
    expect(isAuthorizationHeader({ kind: 'header', name: 'AUTHORIZATION' })).toBe(true);
    expect(isAuthorizationHeader({ kind: 'cookie', name: 'Authorization' })).toBe(false);
  });
});

describe('parseTokenSources (properties)', () => {
  const name = fc.string({ unit: fc.constantFrom(...'abcXYZ019_-.~'), minLength: 1, maxLength: 10 });
  const source = fc.record({ kind: fc.constantFrom('header', 'query', 'cookie'), name });

  it('round-trips every list of distinct sources: parse(format(sources)) equals sources', () => {
    fc.assert(
      fc.property(fc.uniqueArray(source, { minLength: 1, maxLength: 6, selector: keyOf }), (sources) => {
        expect(parseTokenSources(sources.map((each) => formatTokenSource(each)).join(','))).toEqual(sources);
      }),
      { numRuns: RUNS },
    );
  });

  it('either parses a string into well-formed sources or throws ConfigError, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'headrquycoki:,; =xX-_\t*') }), (raw) => {
        let parsed: ReturnType<typeof parseTokenSources>;
        try {
          parsed = parseTokenSources(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          return;
        }
        expect(parsed.length).toBeGreaterThan(0);
        expect(new Set(parsed.map(keyOf)).size).toBe(parsed.length);
        for (const each of parsed) expect(each.name).toMatch(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/);
      }),
      { numRuns: RUNS },
    );
  });
});

function keyOf(source: { kind: string; name: string }): string {
  return `${source.kind}:${source.kind === 'header' ? source.name.toLowerCase() : source.name}`;
}
