import { isUtf8 } from 'node:buffer';

/**
 * Decodes one part of a compact JWS (RFC 7515 §2: base64url without padding), strictly: any character outside the
 * alphabet, an impossible length, or unused trailing bits that are not zero (RFC 4648 §3.5) make it undefined.
 * By hand because `Buffer.from(text, 'base64url')` skips what it cannot read, reads `+` and `/` as well, and ignores
 * those bits, so that one signature would have several accepted spellings.
 *
 * @example
 * ```ts
 * decodeBase64url('eyJhIjoxfQ'); // <Buffer 7b 22 61 22 3a 31 7d>
 * decodeBase64url('eyJhIjoxfR'); // undefined: its last character's unused bits are not zero
 * ```
 */
export function decodeBase64url(part: string, inAlphabet = false): Buffer | undefined {
  // One scan for the alphabet and one look at the last character: cheaper than re-encoding the bytes to compare,
  // which allocates a string as long as the part (this runs three times on every token). `inAlphabet`: the caller
  // has seen every character is base64url's (isCompactJws), and the scan is skipped.
  const tail = part.length % 4;
  if (tail === 1 || !(inAlphabet || BASE64URL.test(part))) return undefined;
  // The last character of a part of 4k+2 characters carries 2 bits of data and 4 unused; of 4k+3, 4 and 2.
  if (tail !== 0 && (sextet(part.charCodeAt(part.length - 1)) & (tail === 2 ? 0x0f : 0x03)) !== 0) return undefined;
  return Buffer.from(part, 'base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The 6-bit value of a base64url character (RFC 4648 §5), which the caller has checked is one. */
function sextet(code: number): number {
  if (code >= 0x61) return code - 0x61 + 26; // a-z
  if (code >= 0x41) return code === 0x5f ? 63 : code - 0x41; // A-Z, _
  return code === 0x2d ? 62 : code - 0x30 + 52; // -, 0-9
}

/**
 * Decodes a header or payload part: strict base64url, UTF-8 that must be valid, JSON that must be an object.
 *
 * @returns the object, or undefined when the part is anything else.
 * @example
 * ```ts
 * decodeJsonObject('eyJhIjoxfQ'); // { a: 1 }
 * ```
 */
export function decodeJsonObject(part: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64url(part);
  return bytes === undefined ? undefined : parseJsonObject(bytes);
}

/**
 * Parses decoded bytes as UTF-8 JSON that must be valid and an object.
 *
 * @returns the object, or undefined when the bytes are anything else.
 * @example
 * ```ts
 * parseJsonObject(Buffer.from('{"a":1}')); // { a: 1 }
 * ```
 */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> | undefined {
  // RFC 7519 §7.2: the parts are UTF-8. isUtf8 and a plain decode cost less than a fatal TextDecoder.
  if (!isUtf8(bytes)) return undefined;
  let value: unknown;
  try {
    const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    value = JSON.parse(buffer.toString('utf8'));
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
