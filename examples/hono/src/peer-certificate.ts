import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { Context } from 'hono';

/**
 * The PEM of the client certificate of the TLS connection a request came on, as @hono/node-server serving an
 * `https` server with `requestCert` passes it (`c.env.incoming.socket`); `undefined` over plain HTTP or when the
 * client sent none. What API Gateway's `clientCertPem` holds, read from the connection itself.
 *
 * @example
 * ```ts
 * jwtAuth({ ...options, clientCertBinding: 'required', clientCertificate: peerCertificate });
 * ```
 */
export function peerCertificate(c: Context): string | undefined {
  const socket = (c.env as { incoming?: { socket?: Partial<TLSSocket> } } | undefined)?.incoming?.socket;
  const raw = socket?.getPeerCertificate?.()?.raw;
  return raw && raw.length > 0 ? new X509Certificate(raw).toString() : undefined;
}
