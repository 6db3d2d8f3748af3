import { randomUUID } from 'node:crypto';
import { Events, type MutableToken, OAuth2Server } from 'oauth2-mock-server';

/** A client-credentials grant (RFC 6749 §4.4) asked of {@link OAuth2MockServer}. */
export interface ClientCredentialsRequest {
  clientId: string;
  clientSecret?: string;
  scope?: string;
  /** Sent as the `aud` form field, which oauth2-mock-server copies into the token's `aud`. */
  audience?: string | string[];
  /** Protected-header members set before signing, e.g. `{ typ: 'at+jwt' }` (RFC 9068 §2.1). */
  header?: Record<string, unknown>;
  /** Claims added or replaced before signing, e.g. RFC 9068 §2.2's `client_id`, `sub` and `jti`. */
  claims?: Record<string, unknown>;
}

/** A running oauth2-mock-server; see {@link startOAuth2MockServer}. */
export interface OAuth2MockServer {
  /** `http://127.0.0.1:<port>`: its `iss` and the base of its discovery document. */
  issuer: string;
  jwksUri: string;
  tokenEndpoint: string;
  /** The JWS `alg` of its key: any public-key algorithm oauth2-mock-server can generate a key for. */
  algorithm: string;
  /** The `kid` of its one signing key. */
  kid: string;
  /** The library's server, for its event hooks. */
  server: OAuth2Server;
  /** An access token from its token endpoint, over HTTP, with HTTP Basic client authentication. */
  clientCredentialsToken(request: ClientCredentialsRequest): Promise<string>;
  close(): Promise<void>;
}

// Requests carry this header so that the signing hook finds their own overrides, however many run at once.
const REQUEST_ID = 'x-test-request-id';

/**
 * Starts oauth2-mock-server (npm) on 127.0.0.1, on a port the system picks, with one freshly generated key of
 * `algorithm` (RSA keys of 2048 bits, ES512 on P-521, EdDSA and Ed25519 on Ed25519): an independent OAuth 2.0
 * issuer with discovery (`/.well-known/openid-configuration`), a JWKS (`/jwks`) and a token endpoint (`/token`).
 *
 * Out of the box its client-credentials access tokens have the header `{ typ: 'JWT', kid, alg }` and the claims
 * `iss`, `iat`, `exp` (an hour), `nbf` (10 s before `iat`), plus `scope` and `aud` when the request names them:
 * no `sub`, no `client_id`, no `jti`.
 *
 * @example
 * ```ts
 * const idp = await startOAuth2MockServer({ algorithm: 'ES256' });
 * const token = await idp.clientCredentialsToken({ clientId: 'orders', header: { typ: 'at+jwt' } });
 * ```
 */
export async function startOAuth2MockServer(options: { algorithm?: string } = {}): Promise<OAuth2MockServer> {
  const algorithm = options.algorithm ?? 'RS256';
  const server = new OAuth2Server();
  const kid = `oauth2-mock-${algorithm.toLowerCase()}`;
  await server.issuer.keys.generate(algorithm, { kid });
  const overrides = new Map<string, Pick<ClientCredentialsRequest, 'header' | 'claims'>>();
  server.service.on(Events.BeforeTokenSigning, (token: MutableToken, request: { headers: Record<string, unknown> }) => {
    const found = overrides.get(String(request.headers[REQUEST_ID]));
    Object.assign(token.header, found?.header);
    Object.assign(token.payload, found?.claims);
  });
  await server.start(0, '127.0.0.1');
  // Its default issuer is http://localhost:<port>; the loopback address avoids any name resolution.
  const issuer = `http://127.0.0.1:${server.address().port}`;
  server.issuer.url = issuer;
  const tokenEndpoint = `${issuer}/token`;

  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    tokenEndpoint,
    algorithm,
    kid,
    server,
    clientCredentialsToken: async (request) => {
      const id = randomUUID();
      overrides.set(id, request);
      const body = new URLSearchParams({ grant_type: 'client_credentials' });
      if (request.scope !== undefined) body.set('scope', request.scope);
      for (const audience of [request.audience ?? []].flat()) body.append('aud', audience);
      const credentials = `${request.clientId}:${request.clientSecret ?? 'a-client-secret'}`;
      try {
        const response = await fetch(tokenEndpoint, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}`, [REQUEST_ID]: id },
          body,
        });
        const answer = (await response.json()) as { access_token?: unknown };
        if (response.status !== 200 || typeof answer.access_token !== 'string') {
          throw new Error(`token endpoint answered HTTP ${response.status}: ${JSON.stringify(answer)}`);
        }
        return answer.access_token;
      } finally {
        overrides.delete(id);
      }
    },
    close: () => server.stop(),
  };
}
