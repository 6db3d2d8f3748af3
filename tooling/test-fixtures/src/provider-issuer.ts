import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, type JWTPayload, SignJWT } from 'jose';
import { createTestKey } from './keys.ts';
import { PROVIDER_SHAPES, type ProviderName, type ProviderShape } from './provider-shapes.ts';

/** Options of {@link ProviderIssuer.sign}. */
export interface ProviderSignOptions {
  /** Protected-header members added or replaced. */
  header?: Record<string, unknown>;
  /** `real` (default): the provider's own `iss`; `loopback`: {@link ProviderIssuer.loopbackIssuer}. */
  issuer?: 'real' | 'loopback';
}

/** A provider-shaped issuer on loopback; see {@link startProviderIssuer}. */
export interface ProviderIssuer {
  provider: ProviderName;
  shape: ProviderShape;
  /** The provider's own `iss` form, e.g. `https://accounts.google.com`: what a deployment configures. */
  issuer: string;
  /**
   * The same issuer path on this server, e.g. `http://127.0.0.1:<port>/realms/example`: its OpenID discovery
   * document is at `<loopbackIssuer>/.well-known/openid-configuration` and names it as issuer.
   */
  loopbackIssuer: string;
  /** The JWKS at the provider's own path on this server, e.g. `/realms/example/protocol/openid-connect/certs`. */
  jwksUri: string;
  /** The `kid` of the signing key (its RFC 7638 thumbprint). */
  kid: string;
  /** A token of the provider's shape, `claims` added or replaced; `iat` now, `exp` in an hour. */
  sign(claims?: JWTPayload, options?: ProviderSignOptions): Promise<string>;
  close(): Promise<void>;
}

/**
 * Serves on 127.0.0.1 the keys of a freshly generated RS256 key at the provider's JWKS path, with an OpenID
 * discovery document for the provider's issuer path, and signs tokens shaped as that provider documents them
 * ({@link PROVIDER_SHAPES}).
 *
 * @example
 * ```ts
 * const okta = await startProviderIssuer('okta');
 * const token = await okta.sign(); // env: JWKS_URI = okta.jwksUri, JWT_ISSUER = okta.issuer
 * ```
 */
export async function startProviderIssuer(provider: ProviderName): Promise<ProviderIssuer> {
  const shape = PROVIDER_SHAPES[provider];
  const key = await createTestKey(shape.alg);
  const kid = await calculateJwkThumbprint(key.publicJwk);
  const jwks = JSON.stringify({ keys: [{ ...key.publicJwk, kid, alg: shape.alg, use: 'sig' }] });

  let loopbackIssuer = '';
  let jwksUri = '';
  const server = createServer((request, response) => {
    const path = request.url ?? '';
    const discovery = `${new URL(loopbackIssuer).pathname.replace(/\/$/, '')}/.well-known/openid-configuration`;
    if (request.method === 'GET' && path === shape.jwksPath) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    } else if (request.method === 'GET' && path === discovery) {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ issuer: loopbackIssuer, jwks_uri: jwksUri }));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The issuer's path as the provider writes it: Auth0's ends with a slash, Google's has none.
  const issuerPath = new URL(shape.issuer).pathname;
  loopbackIssuer = `${origin}${shape.issuer.endsWith('/') ? issuerPath : issuerPath.replace(/\/$/, '')}`;
  jwksUri = `${origin}${shape.jwksPath}`;

  return {
    provider,
    shape,
    issuer: shape.issuer,
    loopbackIssuer,
    jwksUri,
    kid,
    sign: async (claims = {}, options = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const times = Object.fromEntries(shape.timeClaims.map((claim) => [claim, now]));
      const iss = options.issuer === 'loopback' ? loopbackIssuer : shape.issuer;
      return new SignJWT({ iss, iat: now, exp: now + 3600, ...times, ...shape.claims, ...claims })
        .setProtectedHeader({ ...shape.header, kid, ...options.header, alg: shape.alg })
        .sign(key.privateKey);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
