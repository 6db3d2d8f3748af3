import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCookie } from '../src/index.js';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln';

describe('readCookie', () => {
  it('finds a cookie among several, as browsers send them (RFC 6265 §4.2.1: "; " between pairs)', () => {
    expect(readCookie([`theme=dark; session=${JWT}; lang=en`], 'session')).toEqual([JWT]);
  });

  it('removes spaces and tabs around names and values, and no other character', () => {
    expect(readCookie(['session= a b '], 'session')).toEqual(['a b']);
    expect(readCookie([` \tsession \t= ${JWT}\t;x=1`], 'session')).toEqual([JWT]);
    expect(readCookie([`session=\u00a0${JWT}`], 'session')).toEqual([`\u00a0${JWT}`]);
  });

  it('removes the double quotes of a quoted value, and only a pair of them', () => {
    expect(readCookie([`session="${JWT}"`], 'session')).toEqual([JWT]);
    expect(readCookie([`session="${JWT}`], 'session')).toEqual([`"${JWT}`]);
    expect(readCookie([`session=${JWT}"`], 'session')).toEqual([`${JWT}"`]);
    expect(readCookie(['session="'], 'session')).toEqual(['"']);
    expect(readCookie(['session=""'], 'session')).toEqual(['']);
  });

  it('takes the value after the first "=", so a value may hold "="', () => {
    expect(readCookie(['session=a=b=c'], 'session')).toEqual(['a=b=c']);
  });

  it('compares names exactly: case, prefixes and suffixes are other cookies', () => {
    expect(readCookie(['Session=a; sessionid=b; my_session=c; session_=d'], 'session')).toEqual([]);
  });

  it('ignores pairs without "=" and pairs with an empty name (RFC 6265 §5.2)', () => {
    expect(readCookie(['session; =x; session'], 'session')).toEqual([]);
    expect(readCookie(['sessionX; session '], 'session')).toEqual([]); // no '=': not a name one character short
    expect(readCookie(['=session=x'], '')).toEqual([]);
  });

  it('returns every value of a name sent twice, in the order sent, across headers and array entries', () => {
    expect(readCookie(['session=a; x=1; session=b', 'session=c'], 'session')).toEqual(['a', 'b', 'c']);
    // HTTP API 2.0's cookies array: one pair per entry.
    expect(readCookie(['x=1', `session=${JWT}`], 'session')).toEqual([JWT]);
  });

  it('keeps an empty value as an empty value, and never percent-decodes', () => {
    expect(readCookie(['session=; x=1'], 'session')).toEqual(['']);
    expect(readCookie(['session=Bearer%20abc'], 'session')).toEqual(['Bearer%20abc']);
  });

  it('skips anything in the list that is not a string', () => {
    expect(readCookie([null, 42, `session=${JWT}`] as unknown as string[], 'session')).toEqual([JWT]);
  });
});

// PROPERTY_RUNS lowers it where the suite runs hundreds of times (the mutation command sets it).
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

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
