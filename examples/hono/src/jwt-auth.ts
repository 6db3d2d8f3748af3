import { type Config, createKeySource } from '@jwt-authorizer/config';
import {
  checkCertificateBinding,
  createTokenVerifier,
  extractToken,
  type KeySource,
  type RouteRule,
  TokenError,
  type TokenSource,
  type VerifiedToken,
  type VerifyTokenOptions,
} from '@jwt-authorizer/core';
import type { Context, MiddlewareHandler } from 'hono';
import { peerCertificate } from './peer-certificate.ts';
import { wwwAuthenticate } from './www-authenticate.ts';

/** What {@link jwtAuth} leaves on the context: `c.get('jwt')`. */
export interface JwtAuthEnv {
  Variables: { jwt: VerifiedToken };
}

/** Options of {@link jwtAuth}. */
export interface JwtAuthOptions {
  /** Where keys come from: the same sources as the Lambda (`@jwt-authorizer/key-source`). */
  keySource: KeySource;
  /**
   * The same checks as the Lambda's: algorithms, types, issuer, audience, required claims and values, token age,
   * principal claims. Compiled once, when the middleware is made.
   */
  verify: VerifyTokenOptions;
  /**
   * Where the token is read, in order, the first present winning (`TOKEN_SOURCES`): the same extraction as the
   * Lambda's, core's `extractToken`. Default: the `Authorization` header.
   */
  tokenSources?: readonly TokenSource[];
  /** `required`: the token must be bound to the request's TLS client certificate (RFC 8705 §3). Default `off`. */
  clientCertBinding?: 'off' | 'required';
  /** Reads the request's client certificate (PEM) for `clientCertBinding`. Default {@link peerCertificate}. */
  clientCertificate?: (c: Context) => string | undefined;
  /** The `realm` of the challenge. Default `api`. */
  realm?: string;
  /** Called once per refused request with the reason code, never the token. Default: nothing. */
  onRefused?: (error: TokenError, c: Context) => void;
  /** The Lambda's route rules, for `requireRouteRules` (not read by {@link jwtAuth} itself). */
  routeRules?: readonly RouteRule[] | undefined;
}

// No credential at all, or not a Bearer one: RFC 6750 §3.1 says the challenge then carries no error code.
const NO_BEARER_CREDENTIAL = new Set(['missing_token', 'not_bearer']);

/**
 * Hono middleware that takes the token from the first of `tokenSources` present (default `Authorization: Bearer
 * <jwt>`) and verifies it with `@jwt-authorizer/core`, exactly as the Lambda does (core's `extractToken`, the
 * Lambda's `createTokenVerifier`: options compiled once, verified tokens remembered with their key and `exp`
 * re-checked; with `clientCertBinding`, core's `checkCertificateBinding` on every request), and answers 401 with a
 * `WWW-Authenticate` challenge (RFC 6750 §3) when the token is refused.
 * A key source failure is not the caller's fault: it is rethrown (500 from the app's error handler), never let
 * through.
 *
 * @example
 * ```ts
 * const app = new Hono<JwtAuthEnv>();
 * app.use('/pets/*', jwtAuth({ keySource, verify: { algorithms: ['RS256'], issuer: ['https://idp.example/'] } }));
 * app.get('/pets', (c) => c.json({ caller: c.get('jwt').principalId }));
 * ```
 */
export function jwtAuth(options: JwtAuthOptions): MiddlewareHandler<JwtAuthEnv> {
  const realm = options.realm ?? 'api';
  const verify = createTokenVerifier(options.keySource, options.verify);
  const sources = options.tokenSources && { sources: options.tokenSources };
  const certificateOf = options.clientCertificate ?? peerCertificate;
  return async function verifyBearerToken(c, next) {
    let verified: VerifiedToken;
    try {
      // Hono's header() has the headers by lower-cased name; queries() every value of a repeated parameter.
      const { token } = extractToken({ headers: c.req.header(), query: c.req.queries() }, sources);
      verified = await verify(token);
      if (options.clientCertBinding === 'required') checkCertificateBinding(verified.claims, certificateOf(c));
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      options.onRefused?.(error, c);
      const missing = NO_BEARER_CREDENTIAL.has(error.code);
      const challenge = missing
        ? wwwAuthenticate({ realm })
        : wwwAuthenticate({ realm, error: 'invalid_token', errorDescription: error.message });
      c.header('WWW-Authenticate', challenge);
      return c.json(missing ? { error: 'unauthorized' } : { error: 'invalid_token', reason: error.code }, 401);
    }
    c.set('jwt', verified);
    await next();
  };
}

/**
 * The Lambda's configuration (`parseConfig(process.env)` of `@jwt-authorizer/config`) as {@link jwtAuth} options, so a service verifies
 * with the same variables as the authorizer in front of it: inline keys, SSM, a JWKS URL or OpenID discovery, with
 * the same caching and outage behaviour, the same token sources (`TOKEN_SOURCES`), usage identifier claim,
 * certificate binding (`CLIENT_CERT_BINDING`, against the TLS client certificate of the connection) and route
 * rules (`ROUTE_RULES` / `ROUTE_SCOPES`).
 *
 * @example
 * ```ts
 * app.use('*', jwtAuth(jwtAuthOptionsFromConfig(parseConfig(process.env))));
 * ```
 */
export function jwtAuthOptionsFromConfig(config: Config): JwtAuthOptions {
  return {
    keySource: createKeySource(config),
    verify: config.verify,
    tokenSources: config.request.tokenSources,
    clientCertBinding: config.request.clientCertBinding,
    routeRules: config.response.routeRules,
  };
}
