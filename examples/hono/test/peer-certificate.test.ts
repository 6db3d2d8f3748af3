import { X509Certificate } from 'node:crypto';
import { certificateThumbprint } from '@jwt-authorizer/core';
import { CLIENT_CERT_A, CLIENT_CERT_A_THUMBPRINT } from '@jwt-authorizer/test-fixtures';
import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { peerCertificate } from '../src/peer-certificate.ts';

const contextOn = (socket: unknown) => ({ env: { incoming: { socket } } }) as unknown as Context;

describe('peerCertificate', () => {
  it("gives the TLS client certificate of the request's connection as PEM", () => {
    const raw = new X509Certificate(CLIENT_CERT_A).raw;
    const pem = peerCertificate(contextOn({ getPeerCertificate: () => ({ raw }) }));
    expect(pem && certificateThumbprint(pem)).toBe(CLIENT_CERT_A_THUMBPRINT);
  });

  it('gives nothing over plain HTTP, for a TLS connection without a client certificate, or outside Node', () => {
    expect(peerCertificate(contextOn({}))).toBeUndefined();
    expect(peerCertificate(contextOn({ getPeerCertificate: () => ({}) }))).toBeUndefined();
    expect(peerCertificate({ env: undefined } as unknown as Context)).toBeUndefined();
  });
});
