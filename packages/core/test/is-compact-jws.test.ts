import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCompactJws } from '../src/is-compact-jws.js';

describe('isCompactJws', () => {
  it.each([
    ['three parts', 'eyJh.eyJz.c2ln', true],
    ['an empty signature (alg none, refused later)', 'eyJh.eyJz.', true],
    ['an empty header', '.eyJz.c2ln', false],
    ['an empty payload', 'eyJh..c2ln', false],
    ['two parts', 'eyJh.eyJz', false],
    ['four parts', 'eyJh.eyJz.c2ln.eA', false],
    ['standard base64 characters', 'ey+h.eyJz.c2/n', false],
    ['padding', 'eyJh.eyJz.c2ln=', false],
    ['white space', 'eyJh.eyJz.c2ln\n', false],
  ])('with %s: %s', (_, text, expected) => {
    expect(isCompactJws(text)).toBe(expected);
  });

  it('answers the same for a text it has just answered, in any order of texts', () => {
    // What it remembers must never change an answer: each call agrees with the shape checked from scratch.
    const shape = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '9', '_', '-', '.', '+', ' '), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 12 }), (texts) => {
        for (const value of [...texts, ...texts.reverse()]) expect(isCompactJws(value)).toBe(shape.test(value));
      }),
      { numRuns: 500 },
    );
  });
});
