import { tokenScopes } from '@jwt-authorizer/core';
import type { MiddlewareHandler } from 'hono';
import type { JwtAuthEnv } from './jwt-auth.ts';
import { wwwAuthenticate } from './www-authenticate.ts';

/**
 * Hono middleware, after {@link jwtAuth}: a valid token without every one of `scopes` gets 403 with an
 * `insufficient_scope` challenge naming the scopes needed (RFC 6750 §3.1).
 *
 * @example
 * ```ts
 * app.delete('/pets/:id', requireScopes('pets:write'), (c) => c.body(null, 204));
 * ```
 */
export function requireScopes(...scopes: string[]): MiddlewareHandler<JwtAuthEnv> {
  return async function checkScopes(c, next) {
    // The same reading of `scope` / `scp` as the authorizer's ROUTE_SCOPES.
    const granted = tokenScopes(c.get('jwt').claims);
    if (!scopes.every((scope) => granted.has(scope))) {
      c.header('WWW-Authenticate', wwwAuthenticate({ realm: 'api', error: 'insufficient_scope', scope: scopes }));
      return c.json({ error: 'insufficient_scope' }, 403);
    }
    await next();
  };
}
