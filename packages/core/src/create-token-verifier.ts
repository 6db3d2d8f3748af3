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
export type TokenVerifier = (token: string) => Promise<VerifiedToken>;

/**
 * A `verifyToken` bound to one key source and one set of options, compiled once here (sets of accepted values,
 * issuer templates, claim value rules), that remembers the tokens it verified. The same token again (a client
 * reuses its access token for its lifetime) skips the signature, but never the rest: on every hit the key source
 * is asked again for the token's key and the entry is used only if it returns the very key object that verified
 * it (a rotated, refreshed or expired key set gives another object, or an error), and `exp` and the token's age
 * (`maxTokenAgeSeconds`) are checked against the clock again: the only checks whose answer changes with time.
 * Entries are keyed by the exact token text.
 *
 * Contract: a hit returns the very {@link VerifiedToken} object the first verification returned, so a caller may
 * remember what it derives from a token (its context, say) by that object's identity, in a `WeakMap`. Treat it as
 * read-only: it is shared between hits.
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
  const cache = new Map<string, Verification>();

  async function stillValid(entry: Verification): Promise<boolean> {
    const now = Math.floor((options.currentDate ?? new Date()).getTime() / 1000);
    const { exp, iat } = entry.verified.claims;
    if (typeof exp === 'number' && exp <= now - tolerance) return false;
    if (maxAge !== undefined && typeof iat === 'number' && now - iat - tolerance > maxAge) return false;
    try {
      const { header } = entry.verified;
      return (await keySource.getKey(header as Parameters<KeySource['getKey']>[0], entry.input)) === entry.key;
    } catch {
      return false; // the full verification below meets the same error and reports it
    }
  }

  return async (token) => {
    const entry = cache.get(token);
    if (entry) {
      cache.delete(token);
      if (await stillValid(entry)) {
        cache.set(token, entry); // most recently used last
        return entry.verified;
      }
    }
    const verification = await verifyFully(token, keySource, compiled);
    if (cacheSize > 0) {
      cache.set(token, verification);
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    }
    return verification.verified;
  };
}
