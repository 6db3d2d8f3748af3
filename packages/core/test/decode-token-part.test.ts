import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64url, decodeJsonObject } from '../src/decode-token-part.js';

describe('decodeBase64url', () => {
  it('decodes canonical unpadded base64url', () => {
    expect(decodeBase64url('eyJhIjoxfQ')?.toString()).toBe('{"a":1}');
    expect(decodeBase64url('')?.length).toBe(0);
  });

  it.each([
    ['padding', 'eyJhIjoxfQ=='],
    ['standard base64 characters', 'ab+/'],
    ['a space', 'eyJh IjoxfQ'],
    ['an impossible length', 'abcde'],
    ['non-zero unused bits (a second spelling of the same bytes)', 'eyJhIjoxfR'],
  ])('refuses %s', (_, part) => {
    expect(decodeBase64url(part)).toBeUndefined();
  });

  it('accepts exactly the canonical spellings, as re-encoding the bytes would tell', () => {
    // The oracle is the check this function replaced: decode leniently, re-encode, compare.
    const chars = 'AQgw_-09azAZ+/= .\n';
    const part = fc.string({ unit: fc.constantFrom(...chars), maxLength: 12 });
    fc.assert(
      fc.property(part, (text) => {
        const lenient = Buffer.from(text, 'base64url');
        const canonical = lenient.toString('base64url') === text;
        expect(decodeBase64url(text)?.equals(lenient) ?? false).toBe(canonical);
      }),
      { numRuns: 2000 },
    );
  });

  it('checks the length and the unused bits of a part whose alphabet the caller has checked', () => {
    const part = fc.string({ unit: fc.constantFrom(...'AQgw_-09azAZ'), maxLength: 12 });
    fc.assert(
      fc.property(part, (text) => {
        const lenient = Buffer.from(text, 'base64url');
        const canonical = lenient.toString('base64url') === text;
        expect(decodeBase64url(text, true)?.equals(lenient) ?? false).toBe(canonical);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads every character of the alphabet as its own value', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const [value, char] of [...alphabet].entries()) {
      // `A` + char: 12 bits, the last 4 unused, so only characters whose value has no low 4 bits are canonical.
      expect(decodeBase64url(`A${char}`) !== undefined).toBe((value & 0x0f) === 0);
      expect(decodeBase64url(`AA${char}`) !== undefined).toBe((value & 0x03) === 0);
      expect(decodeBase64url(`AAA${char}`)?.[2]).toBe(value);
    }
  });
});

describe('decodeJsonObject', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  it('returns objects only', () => {
    expect(decodeJsonObject(b64('{"a":[1]}'))).toEqual({ a: [1] });
    for (const text of ['[1]', 'null', '1', '"s"', '{', '']) expect(decodeJsonObject(b64(text))).toBeUndefined();
  });

  it('refuses invalid UTF-8 rather than replacing it', () => {
    expect(
      decodeJsonObject(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]).toString('base64url')),
    ).toBeUndefined();
  });
});
