import { isUtf8 } from 'node:buffer';

/**
 * Decodes one part of a compact JWS (RFC 7515 §2: base64url without padding), strictly: any character outside the
 * alphabet, an impossible length, or unused trailing bits that are not zero (RFC 4648 §3.5) make it undefined.
 * By hand because `Buffer.from(text, 'base64url')` skips what it cannot read and ignores those bits, so that one
 * signature would have several accepted spellings.
 *
 * @example
 * ```ts
 * decodeBase64url('eyJhIjoxfQ'); // <Buffer 7b 22 61 22 3a 31 7d>
 * ```
 */
export function decodeBase64url(part: string): Buffer | undefined {
  // Buffer skips characters outside the alphabet, padding and a dangling last character, and ignores unused bits;
  // each of those makes the re-encoded text differ from the part. So one comparison is the whole check.
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : undefined;
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
    value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
