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
