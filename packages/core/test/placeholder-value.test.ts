import { describe, expect, it } from 'vitest';
import { MAX_PLACEHOLDER_VALUE_LENGTH, placeholderProblem } from '../src/index.js';

describe('placeholderProblem', () => {
  it('accepts 1 to 64 characters of A-Z a-z 0-9 . _ ~ -', () => {
    expect(MAX_PLACEHOLDER_VALUE_LENGTH).toBe(64);
    for (const value of ['t1', '72f988bf-86f1-41af-91ab-2d7cd011db47', 'a.b_c~d-e', '...', 'x'.repeat(64)]) {
      expect(placeholderProblem(value)).toBeUndefined();
    }
  });

  it.each([
    [undefined, 'is missing'],
    [42, 'is a number, not a string'],
    [true, 'is a boolean, not a string'],
    [null, 'is null, not a string'],
    [['t1'], 'is an array, not a string'],
    [{ id: 't1' }, 'is an object, not a string'],
    ['', 'is empty'],
    ['x'.repeat(65), 'is 65 characters, over the 64 a placeholder takes'],
    ['*', 'holds characters other than'],
    ['t1*', 'holds characters other than'],
    ['?', 'holds characters other than'],
    ['a/b', 'holds characters other than'],
    ['a%2Fb', 'holds characters other than'],
    ['a b', 'holds characters other than'],
    ['é', 'holds characters other than'],
    ['.', 'is the dot-segment'],
    ['..', 'is the dot-segment'],
  ])('refuses %j: %s', (value, problem) => {
    expect(placeholderProblem(value)).toContain(problem);
  });
});
