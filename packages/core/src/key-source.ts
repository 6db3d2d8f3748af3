import type { JWTVerifyGetKey } from 'jose';

/**
 * Where verification keys come from. Core never knows which source it is; `@jwt-authorizer/key-source`
 * implements one adapter per source (inline, SSM, JWKS URL).
 *
 * `getKey` follows jose's `JWTVerifyGetKey` contract: given the token's protected header it returns the one
 * public key that verifies it, or throws. A source throws {@link TokenError} `unknown_key` when no key matches the
 * header, and {@link KeySourceError} when it cannot obtain keys at all.
 */
export interface KeySource {
  readonly getKey: JWTVerifyGetKey;
  /**
   * Fetches the keys now, before any token asks for them, so that the first verification does not wait for the
   * network (a remote source's; an inline source has nothing to fetch). Always resolves: a failure is the source's
   * as if a token had asked (reported, cached, retried after the back-off), and the next `getKey` answers as it would
   * have.
   */
  readonly prefetch?: () => Promise<void>;
}
