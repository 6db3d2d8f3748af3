import { describe, expect, it } from 'vitest';
import { integer, optionalInteger } from '../src/read-variable.js';

describe('integer', () => {
  it("gives the variable's default when unset, and its value within the range", () => {
    expect(integer({}, 'KEY_CACHE_TTL_SECONDS')).toBe(300);
    expect(integer({ KEY_CACHE_TTL_SECONDS: ' 60 ' }, 'KEY_CACHE_TTL_SECONDS')).toBe(60);
  });
});

describe('optionalInteger', () => {
  it('is undefined when unset or empty, and the value within the range otherwise', () => {
    expect(optionalInteger({}, 'JWT_MAX_TOKEN_AGE_SECONDS')).toBeUndefined();
    expect(optionalInteger({ JWT_MAX_TOKEN_AGE_SECONDS: '' }, 'JWT_MAX_TOKEN_AGE_SECONDS')).toBeUndefined();
    expect(optionalInteger({ JWT_MAX_TOKEN_AGE_SECONDS: '1' }, 'JWT_MAX_TOKEN_AGE_SECONDS')).toBe(1);
    expect(optionalInteger({ JWT_MAX_TOKEN_AGE_SECONDS: '31536000' }, 'JWT_MAX_TOKEN_AGE_SECONDS')).toBe(31_536_000);
  });

  it.each(['0', '31536001', '-5', '1.5', '1e3', 'an hour'])('refuses %s, naming the variable and the range', (raw) => {
    expect(() => optionalInteger({ JWT_MAX_TOKEN_AGE_SECONDS: raw }, 'JWT_MAX_TOKEN_AGE_SECONDS')).toThrow(
      `JWT_MAX_TOKEN_AGE_SECONDS: must be a whole number from 1 to 31536000, got "${raw}"`,
    );
  });
});
