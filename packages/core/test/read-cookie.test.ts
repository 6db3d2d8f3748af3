import { describe, expect, it } from 'vitest';
import { readCookie } from '../src/index.js';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln';

describe('readCookie', () => {
  it('finds a cookie among several, as browsers send them (RFC 6265 §4.2.1: "; " between pairs)', () => {
    expect(readCookie([`theme=dark; session=${JWT}; lang=en`], 'session')).toEqual([JWT]);
  });

  it('removes spaces and tabs around names and values, and no other character', () => {
    expect(readCookie([` \tsession \t= ${JWT}\t;x=1`], 'session')).toEqual([JWT]);
    expect(readCookie([`session=\u00a0${JWT}`], 'session')).toEqual([`\u00a0${JWT}`]);
  });

  it('removes the double quotes of a quoted value, and only a pair of them', () => {
    expect(readCookie([`session="${JWT}"`], 'session')).toEqual([JWT]);
    expect(readCookie([`session="${JWT}`], 'session')).toEqual([`"${JWT}`]);
    expect(readCookie(['session="'], 'session')).toEqual(['"']);
  });

  it('takes the value after the first "=", so a value may hold "="', () => {
    expect(readCookie(['session=a=b=c'], 'session')).toEqual(['a=b=c']);
  });

  it('compares names exactly: case, prefixes and suffixes are other cookies', () => {
    expect(readCookie(['Session=a; sessionid=b; my_session=c; session_=d'], 'session')).toEqual([]);
  });

  it('ignores pairs without "=" and pairs with an empty name (RFC 6265 §5.2)', () => {
    expect(readCookie(['session; =x; session'], 'session')).toEqual([]);
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
