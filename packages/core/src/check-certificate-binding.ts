import { createHash, X509Certificate } from 'node:crypto';
import { TokenError } from './errors.js';

/**
 * The `x5t#S256` thumbprint of a certificate (RFC 8705 §3.1): the base64url SHA-256 of its DER encoding, without
 * padding. `undefined` when `pem` holds no readable X.509 certificate; of several, the first (the client's own,
 * as TLS sends it first).
 *
 * @example
 * ```ts
 * certificateThumbprint(event.requestContext.identity.clientCert.clientCertPem); // 'KYXaxBCUUV0E7Yh-t3lVRFGMZx9F-BcPmKkbtGczAkI'
 * ```
 */
export function certificateThumbprint(pem: string): string | undefined {
  let der: Buffer;
  try {
    der = new X509Certificate(pem).raw;
  } catch {
    return undefined;
  }
  return createHash('sha256').update(der).digest('base64url');
}

/**
 * Checks that a verified token is bound to the mutual TLS client certificate of its request (RFC 8705 §3): its
 * `cnf` claim's `x5t#S256` equals the certificate's thumbprint. A token stolen from its client is then useless
 * without that client's private key, which never leaves it. The thumbprint is compared as text: RFC 8705 §3.1
 * fixes its encoding (base64url, no padding), and it is no secret (whoever holds the certificate can compute it).
 *
 * @throws {TokenError} `missing_client_certificate` (no certificate, or none readable), `unbound_token` (no
 * `cnf.x5t#S256` string) or `certificate_mismatch`.
 * @example
 * ```ts
 * checkCertificateBinding(verified.claims, event.requestContext.identity?.clientCert?.clientCertPem);
 * ```
 */
export function checkCertificateBinding(claims: Readonly<Record<string, unknown>>, certificatePem: unknown): void {
  const given = typeof certificatePem === 'string' && /\S/.test(certificatePem);
  const thumbprint = given ? certificateThumbprint(certificatePem) : undefined;
  if (thumbprint === undefined) {
    throw new TokenError(
      'missing_client_certificate',
      given
        ? 'the request client certificate is not a readable X.509 certificate'
        : 'the request carries no mutual TLS client certificate',
    );
  }
  const cnf = Object.hasOwn(claims, 'cnf') ? claims['cnf'] : undefined;
  const bound =
    typeof cnf === 'object' && cnf !== null && Object.hasOwn(cnf, 'x5t#S256')
      ? (cnf as Record<string, unknown>)['x5t#S256']
      : undefined;
  if (typeof bound !== 'string') {
    throw new TokenError('unbound_token', 'the token has no cnf claim with an x5t#S256 certificate thumbprint');
  }
  if (bound !== thumbprint) {
    throw new TokenError('certificate_mismatch', "the token is bound to another certificate than the request's");
  }
}
