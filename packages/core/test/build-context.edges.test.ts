import { describe, expect, it } from 'vitest';
import { buildContext } from '../src/index.js';

describe('buildContext at its edges', () => {
  it('fills the budget exactly: a claim whose cost reaches the budget is kept', () => {
    // "{}" (2) + "a" (3) + "b" (3) + separators (2) = 10 bytes charged.
    expect(buildContext({ a: 'b' }, { budgetBytes: 10 })).toEqual({ context: { a: 'b' }, omitted: [] });
    expect(buildContext({ a: 'b' }, { budgetBytes: 9 })).toEqual({ context: {}, omitted: ['a'] });
  });

  it('leaves out numbers JSON cannot carry (1e999 parses to Infinity) and values that are not JSON', () => {
    const claims = { ...JSON.parse('{"big":1e999,"small":-1e999}'), f: () => 1, u: undefined, sub: 'a' };
    expect(buildContext(claims)).toEqual({ context: { sub: 'a' }, omitted: [] });
  });

  it('never copies inherited properties, even when listed by name', () => {
    const claims = Object.assign(Object.create({ inherited: 'from a prototype' }), { sub: 'a' });
    expect(buildContext(claims, { claims: ['sub', 'inherited'] })).toEqual({ context: { sub: 'a' }, omitted: [] });
  });

  it('ignores listed claims the token does not have', () => {
    expect(buildContext({ sub: 'a' }, { claims: ['sub', 'email', 'toString'] })).toEqual({
      context: { sub: 'a' },
      omitted: [],
    });
  });
});
