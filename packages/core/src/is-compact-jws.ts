// RFC 7515 §7.1: three base64url parts; the signature is empty for `alg: none`, refused later with its own reason.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

// The last text found to be one. The extractors check a token, then the verifier meets the same string: a second
// scan of its characters (about a microsecond for a 600-character token) becomes one comparison.
let lastCompact: string | undefined;

/**
 * Whether `text` has the shape of a compact JWS: three parts of base64url characters, the first two non-empty.
 * Internal to the package.
 *
 * @example
 * ```ts
 * isCompactJws('eyJh.eyJz.c2ln'); // true
 * ```
 */
export function isCompactJws(text: string): boolean {
  if (text === lastCompact) return true;
  if (!COMPACT_JWS.test(text)) return false;
  lastCompact = text;
  return true;
}
