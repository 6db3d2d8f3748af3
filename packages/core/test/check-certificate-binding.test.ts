import {
  CLIENT_CERT_A,
  CLIENT_CERT_A_THUMBPRINT,
  CLIENT_CERT_B,
  CLIENT_CERT_B_THUMBPRINT,
} from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { certificateThumbprint, checkCertificateBinding, TokenError } from '../src/index.js';

const boundTo = (thumbprint: unknown) => ({ sub: 'client', cnf: { 'x5t#S256': thumbprint } });

function refusal(claims: Record<string, unknown>, pem: unknown): string {
  try {
    checkCertificateBinding(claims, pem);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenError);
    return (error as TokenError).code;
  }
  return 'bound';
}

describe('certificateThumbprint', () => {
  it('computes the x5t#S256 of RFC 8705 §3.1 as openssl does: base64url SHA-256 of the DER, unpadded', () => {
    expect(certificateThumbprint(CLIENT_CERT_A)).toBe(CLIENT_CERT_A_THUMBPRINT);
    expect(certificateThumbprint(CLIENT_CERT_B)).toBe(CLIENT_CERT_B_THUMBPRINT);
  });

  it('reads the first certificate of several, and nothing that is not one', () => {
    expect(certificateThumbprint(`${CLIENT_CERT_A}\n${CLIENT_CERT_B}`)).toBe(CLIENT_CERT_A_THUMBPRINT);
    expect(certificateThumbprint('CERT_CONTENT')).toBeUndefined();
    expect(certificateThumbprint(CLIENT_CERT_A.replace('MIIB', 'MIIC'))).toBeUndefined();
  });
});

describe('checkCertificateBinding', () => {
  it("passes a token bound to the request's certificate", () => {
    expect(refusal(boundTo(CLIENT_CERT_A_THUMBPRINT), CLIENT_CERT_A)).toBe('bound');
  });

  it('refuses a token bound to another certificate', () => {
    expect(refusal(boundTo(CLIENT_CERT_A_THUMBPRINT), CLIENT_CERT_B)).toBe('certificate_mismatch');
    // The thumbprint is compared as RFC 8705 writes it: padded or base64 (not base64url) is another value.
    expect(refusal(boundTo(`${CLIENT_CERT_A_THUMBPRINT}=`), CLIENT_CERT_A)).toBe('certificate_mismatch');
  });

  it('refuses a token with no cnf, or a cnf without an x5t#S256 string', () => {
    for (const claims of [
      { sub: 'client' },
      { cnf: 'x' },
      { cnf: null },
      { cnf: { jkt: CLIENT_CERT_A_THUMBPRINT } },
      { cnf: { x5t: CLIENT_CERT_A_THUMBPRINT } },
      boundTo(42),
      boundTo([CLIENT_CERT_A_THUMBPRINT]),
      { cnf: Object.create({ 'x5t#S256': CLIENT_CERT_A_THUMBPRINT }) },
    ]) {
      expect(refusal(claims, CLIENT_CERT_A)).toBe('unbound_token');
    }
  });

  it('refuses a request without a readable certificate before looking at the token', () => {
    for (const pem of [undefined, null, '', '  ', 42, 'CERT_CONTENT']) {
      expect(refusal(boundTo(CLIENT_CERT_A_THUMBPRINT), pem)).toBe('missing_client_certificate');
      expect(refusal({}, pem)).toBe('missing_client_certificate');
    }
  });
});
