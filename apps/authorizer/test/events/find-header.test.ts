import { describe, expect, it } from 'vitest';
import { findHeader } from '../../src/events/find-header.js';

describe('findHeader', () => {
  it('compares names case-insensitively and ignores non-string values', () => {
    expect(findHeader({ 'X-Other': 'x', aUTHORIZATION: 'v' }, 'Authorization')).toBe('v');
    expect(findHeader({ authorization: undefined }, 'authorization', { Authorization: ['m1', 'm2'] })).toBe('m1');
    expect(findHeader(null, 'authorization', null)).toBeUndefined();
  });
});
