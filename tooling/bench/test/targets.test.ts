import { describe, expect, it } from 'vitest';
import { ratioAgainst } from '../src/targets.ts';

describe('ratioAgainst', () => {
  it('writes two digits when they tell the figure from its limit', () => {
    expect(ratioAgainst(1.3949, 1.4)).toBe('1.39x');
    expect(ratioAgainst(1.4051, 1.4)).toBe('1.41x');
    expect(ratioAgainst(1.4, 1.4)).toBe('1.40x');
  });

  it('writes the digits that tell it from the limit when two would round it onto the limit', () => {
    expect(ratioAgainst(33_019 / 23_505, 1.4)).toBe('1.405x'); // over: NOT met
    expect(ratioAgainst(1.396, 1.4)).toBe('1.396x'); // under: met
    expect(ratioAgainst(1.39996, 1.4)).toBe('1.39996x');
    expect(ratioAgainst(0.25004, 0.25)).toBe('0.25004x');
  });
});
