const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * Whether keys may be fetched from `uri`: `https`, or plain `http` to a loopback host only (a local identity provider
 * in development and tests). Anything else would let a network attacker substitute the keys.
 *
 * @example
 * ```ts
 * isSecureKeyUrl(new URL('http://127.0.0.1:8080/jwks.json')); // true
 * ```
 */
export function isSecureKeyUrl(uri: URL): boolean {
  return uri.protocol === 'https:' || (uri.protocol === 'http:' && LOOPBACK_HOSTS.test(uri.hostname));
}
