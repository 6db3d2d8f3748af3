import { describe, expect, it } from 'vitest';
import { claimMatches, isClaimValue } from '../src/index.js';

describe('claimMatches', () => {
  it('accepts a claim equal to one of the values', () => {
    expect(claimMatches('admin', ['admin'])).toBe(true);
    expect(claimMatches('owner', ['admin', 'owner'])).toBe(true);
    expect(claimMatches(42, [42])).toBe(true);
    expect(claimMatches(true, [true])).toBe(true);
    expect(claimMatches('reader', ['admin'])).toBe(false);
  });

  it('accepts an array claim holding one of the values', () => {
    expect(claimMatches(['readers', 'admins'], ['admins'])).toBe(true);
    expect(claimMatches(['readers'], ['admins', 'owners'])).toBe(false);
    expect(claimMatches([], ['admins'])).toBe(false);
  });

  it('compares without coercion, and never matches objects, null, nested arrays or a missing claim', () => {
    expect(claimMatches('1', [1])).toBe(false);
    expect(claimMatches(1, ['1'])).toBe(false);
    expect(claimMatches('true', [true])).toBe(false);
    expect(claimMatches(0, [false])).toBe(false);
    expect(claimMatches(undefined, ['x'])).toBe(false);
    expect(claimMatches(null, ['null'])).toBe(false);
    expect(claimMatches({ admin: true }, ['admin'])).toBe(false);
    expect(claimMatches([['admins']], ['admins'])).toBe(false);
    expect(claimMatches([{ toString: () => 'admins' }], ['admins'])).toBe(false);
  });
});

describe('isClaimValue', () => {
  it('takes strings, booleans and finite numbers, as JSON holds them, and nothing else', () => {
    for (const value of ['', 'a', true, false, 0, -1.5, 1e300]) expect(isClaimValue(value)).toBe(true);
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -Infinity, [], {}, 1n]) {
      expect(isClaimValue(value)).toBe(false);
    }
  });
});
