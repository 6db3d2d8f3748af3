import { describe, expect, it } from 'vitest';
import { createResultCache } from '../src/create-result-cache.ts';

describe('createResultCache', () => {
  it('keeps results for the TTL, and nothing with a TTL of 0', () => {
    let now = 0;
    const cache = createResultCache<string>(300, () => now);
    cache.set('a', 'x');
    now = 299_999;
    expect(cache.get('a')).toBe('x');
    now = 300_000;
    expect(cache.get('a')).toBeUndefined();
    const off = createResultCache<string>(0, () => now);
    off.set('a', 'x');
    expect(off.get('a')).toBeUndefined();
  });
});
