import { describe, expect, it } from 'vitest';
import { type ClaimReference, parseClaimReference, readClaim } from '../src/index.js';

const ref = (name: string) => parseClaimReference(name) as ClaimReference;
const read = (claims: Record<string, unknown>, name: string) => readClaim(claims, ref(name));

describe('parseClaimReference', () => {
  it('reads "scope" as the scopes, a leading "/" as a JSON Pointer, anything else as a top-level name', () => {
    expect(parseClaimReference('scope')).toEqual({ kind: 'scopes' });
    expect(parseClaimReference('cognito:groups')).toEqual({ kind: 'claim', name: 'cognito:groups' });
    expect(parseClaimReference('https://example.com/roles')).toEqual({
      kind: 'claim',
      name: 'https://example.com/roles',
    });
    expect(parseClaimReference('/realm_access/roles')).toEqual({ kind: 'pointer', tokens: ['realm_access', 'roles'] });
  });

  it('unescapes "~1" then "~0" (RFC 6901 §4), so "~01" is the text "~1"', () => {
    expect(parseClaimReference('/https:~1~1example.com~1roles')).toEqual({
      kind: 'pointer',
      tokens: ['https://example.com/roles'],
    });
    expect(parseClaimReference('/a~01')).toEqual({ kind: 'pointer', tokens: ['a~1'] });
    expect(parseClaimReference('/')).toEqual({ kind: 'pointer', tokens: [''] });
  });

  it('names nothing for an empty name or a pointer with a bare "~"', () => {
    expect(parseClaimReference('')).toBeUndefined();
    expect(parseClaimReference('/a~2')).toBeUndefined();
    expect(parseClaimReference('/a~')).toBeUndefined();
    // Outside a pointer, "~" is part of the name.
    expect(parseClaimReference('a~')).toEqual({ kind: 'claim', name: 'a~' });
  });
});

describe('readClaim', () => {
  const claims = {
    'cognito:groups': ['admins'],
    realm_access: { roles: ['admin'] },
    'https://example.com/roles': ['owner'],
    org: { id: 'o-1', members: ['a', 'b'] },
    scope: 'a b',
    scp: ['c'],
    '': 'empty-name',
  };

  it('reads top-level names as they are, and pointers into objects and arrays', () => {
    expect(read(claims, 'cognito:groups')).toEqual(['admins']);
    expect(read(claims, 'https://example.com/roles')).toEqual(['owner']);
    expect(read(claims, '/realm_access/roles')).toEqual(['admin']);
    expect(read(claims, '/https:~1~1example.com~1roles')).toEqual(['owner']);
    expect(read(claims, '/org/members/1')).toBe('b');
    expect(read(claims, '/')).toBe('empty-name');
    expect(readClaim({ list: Array.from({ length: 12 }, (_, i) => i) }, ref('/list/10'))).toBe(10);
  });

  it('reads "scope" as the scopes of scope and scp, and "/scope" as the raw claim', () => {
    expect(read(claims, 'scope')).toEqual(['a', 'b', 'c']);
    expect(read(claims, '/scope')).toBe('a b');
  });

  it('finds nothing where the token has nothing, and never a prototype or built-in member', () => {
    for (const name of [
      'missing',
      '/org/missing',
      '/org/id/x',
      '/org/members/2',
      '/org/members/-',
      '/org/members/01',
    ]) {
      expect(read(claims, name)).toBeUndefined();
    }
    for (const name of [
      '__proto__',
      'constructor',
      'toString',
      '/org/__proto__',
      '/org/constructor',
      '/org/members/length',
    ]) {
      expect(read(claims, name)).toBeUndefined();
    }
    expect(read(claims, '/org/hasOwnProperty')).toBeUndefined();
    // A string is no container: neither its characters nor its length are members.
    expect(read(claims, '/org/id/0')).toBeUndefined();
    expect(read(claims, '/org/id/length')).toBeUndefined();
    expect(readClaim({ a: null }, ref('/a/b'))).toBeUndefined();
  });

  it('reads an own "__proto__" member a token really carries (JSON.parse makes it an own property)', () => {
    const parsed = JSON.parse('{"__proto__": "x", "o": {"__proto__": ["y"]}}') as Record<string, unknown>;
    expect(read(parsed, '__proto__')).toBe('x');
    expect(read(parsed, '/o/__proto__')).toEqual(['y']);
  });
});
