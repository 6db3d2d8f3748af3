import type { Config } from './parse-config.js';
import type { VerifyTokenOptions } from './verify-token.js';

/**
 * The verification options a parsed configuration asks for, so that the Lambda and any service configured with the
 * same variables verify alike.
 *
 * @example
 * ```ts
 * const verify = createTokenVerifier(keySource, verifyOptionsOf(parseConfig(process.env)));
 * ```
 */
export function verifyOptionsOf(config: Config): VerifyTokenOptions {
  return {
    algorithms: config.algorithms,
    issuer: config.issuer,
    audience: config.audience,
    clockToleranceSeconds: config.clockToleranceSeconds,
    requiredClaims: config.requiredClaims,
    principalClaim: config.principalClaim,
  };
}
