import { compileVerifyOptions } from './compile-verify-options.js';
import type { KeySource } from './key-source.js';
import { type Verification, type VerifiedToken, type VerifyTokenOptions, verifyFully } from './verify-token.js';

/** Options of {@link createTokenVerifier}: those of `verifyToken`, plus the cache's size. */
export interface TokenVerifierOptions extends VerifyTokenOptions {
  /**
   * How many verified tokens to remember, least recently used out first. Default 1000; 0 turns the cache off.
   * A Lambda container serves one request at a time, so a few hundred callers' tokens fit easily.
   */
  cacheSize?: number;
}

/** Verifies tokens; see {@link createTokenVerifier}. */
export interface TokenVerifier {
  (token: string): Promise<VerifiedToken>;
  /**
   * Whether the verifier remembers `token`, so that verifying it again returns the same {@link VerifiedToken}
   * object (while its key and its times hold). What a caller derives from a verified token is worth remembering,
   * by that object, only for such tokens: most tokens, when callers are many, are seen once.
   */
  remembers(token: string): boolean;
}

/** How many of a token's last characters find its entry: over 90 bits of its signature, far from any collision. */
const TAIL_LENGTH = 16;
/** A cache entry: a verification, the exact token it verified, and the tail the entry is found by. */
type Remembered = Verification & { token: string; tail: string };

/**
 * A `verifyToken` bound to one key source and one set of options, compiled once here (sets of accepted values,
 * issuer templates, claim value rules), that remembers the tokens it verified. The same token again (a client
 * reuses its access token for its lifetime) skips the signature, but never the rest: on every hit the key source
 * is asked again for the token's key and the entry is used only if it returns the very key object that verified
 * it (a rotated, refreshed or expired key set gives another object, or an error), and `exp` and the token's age
 * (`maxTokenAgeSeconds`) are checked against the clock again: the only checks whose answer changes with time.
 * An entry is found by the token's last 16 characters (the end of its signature) and used only if its token is the
 * exact token text: a `Map` hashes a string key in full, which for a token of a few hundred characters cost more
 * than the rest of a hit. When the key source answers synchronously (a fresh JWKS, an inline key), a hit resolves
 * without waiting on another promise.
 *
 * A token is remembered from its second verification on (a doorkeeper of recent tokens' hashes admits it), so a
 * stream of tokens each seen once, as from many callers, neither fills nor churns the cache.
 *
 * Contract: a hit returns the very {@link VerifiedToken} object the remembered verification returned, so a caller
 * may remember what it derives from a token (its context, say) by that object's identity, in a `WeakMap`, once
 * `verify.remembers(token)` says the token is remembered. Treat it as read-only: it is shared between hits.
 *
 * @example
 * ```ts
 * const verify = createTokenVerifier(keySource, { algorithms: ['RS256'], issuer: ['https://idp.example/'] });
 * const { principalId } = await verify(jwt);
 * ```
 */
export function createTokenVerifier(keySource: KeySource, options: TokenVerifierOptions): TokenVerifier {
  const { cacheSize = 1000, ...verifyOptions } = options;
  const compiled = compileVerifyOptions(verifyOptions);
  const { clockToleranceSeconds: tolerance, maxTokenAgeSeconds: maxAge } = compiled;
  const cache = new Map<string, Remembered>();
  const seen = createDoorkeeper(cacheSize);
  const find = (token: string) => {
    const entry = cache.get(token.slice(-TAIL_LENGTH));
    return entry?.token === token ? entry : undefined;
  };

  /** Whether a remembered verification still holds: a boolean, or a promise of one if the key source is async. */
  function stillValid(entry: Remembered): boolean | Promise<boolean> {
    const now = Math.floor((options.currentDate?.getTime() ?? Date.now()) / 1000);
    const { exp, iat } = entry.verified.claims;
    if (typeof exp === 'number' && exp <= now - tolerance) return false;
    if (maxAge !== undefined && typeof iat === 'number' && now - iat - tolerance > maxAge) return false;
    // An error means no: the full verification below meets the same error and reports it.
    try {
      const { header } = entry.verified;
      const key = keySource.getKey(header as Parameters<KeySource['getKey']>[0], entry.input);
      return key instanceof Promise
        ? key.then(
            (current) => current === entry.key,
            () => false,
          )
        : key === entry.key;
    } catch {
      return false;
    }
  }

  async function verify(token: string): Promise<VerifiedToken> {
    const entry = find(token);
    if (entry) {
      cache.delete(entry.tail);
      const valid = stillValid(entry);
      if (valid instanceof Promise ? await valid : valid) {
        cache.set(entry.tail, entry); // most recently used last
        return entry.verified;
      }
    }
    const verification = await verifyFully(token, keySource, compiled);
    // Admitted on its second verification: a token seen once (most of them, when callers are many) costs the cache
    // nothing, neither an insertion nor the eviction of a token that is used again.
    if (cacheSize > 0 && seen(token)) {
      const tail = token.slice(-TAIL_LENGTH);
      cache.set(tail, { ...verification, token, tail });
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    }
    return verification.verified;
  }
  return Object.assign(verify, { remembers: (token: string) => find(token) !== undefined });
}

/**
 * Whether a token was verified recently: a direct-mapped table of 30-bit hashes of the tokens' last characters (the
 * signature's: random for every token), at least `size` slots. A token whose hash is in its slot was seen; another
 * token's hash takes the slot over. No strings are held and nothing is allocated after creation (a `Set` that churns
 * reallocates its table, garbage that lives long enough to reach the old generation). A collision admits a token
 * one verification early, or late; nothing else depends on it.
 */
function createDoorkeeper(size: number): (token: string) => boolean {
  let slots = 64;
  while (slots < size) slots *= 2;
  const table = new Int32Array(slots);
  return (token) => {
    let hash = 0;
    for (let i = Math.max(0, token.length - 8); i < token.length; i += 1) hash = (hash * 61 + token.charCodeAt(i)) | 0;
    hash = (hash & 0x3fffffff) | 1; // never 0, the value of an empty slot
    const slot = hash & (slots - 1);
    if (table[slot] === hash) {
      table[slot] = 0;
      return true;
    }
    table[slot] = hash;
    return false;
  };
}
