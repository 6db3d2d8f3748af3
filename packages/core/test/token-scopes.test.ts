import { describe, expect, it } from 'vitest';
import { tokenScopes } from '../src/index.js';

describe('tokenScopes', () => {
  it('reads the space-separated scope claim and scp as a string or an array', () => {
    expect([...tokenScopes({ scope: ' a  b ', scp: ['c', 1, 'd e'] })]).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([...tokenScopes({ scp: 'x y' })]).toEqual(['x', 'y']);
    expect([...tokenScopes({ scope: 42 })]).toEqual([]);
  });

  it('reads only own members: a prototype never lends a scope', () => {
    expect([...tokenScopes(Object.create({ scope: 'inherited' }) as Record<string, unknown>)]).toEqual([]);
  });
});
