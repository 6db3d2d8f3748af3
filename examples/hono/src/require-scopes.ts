import type { VerifiedToken } from '@jwt-authorizer/core';
import type { MiddlewareHandler } from 'hono';
import type { JwtAuthEnv } from './jwt-auth.ts';
import { wwwAuthenticate } from './www-authenticate.ts';

/**
 * The scopes a token grants: `scope` as a space-separated string (RFC 9068 §2.2.3, RFC 8693 §4.2) or `scp` as an
 * array or a string (Azure AD, Okta).
 *
 * @example
 * ```ts
 * tokenScopes({ scope: 'pets:read pets:write' }); // ['pets:read', 'pets:write']
 * ```
 */
export function tokenScopes(claims: VerifiedToken['claims']): string[] {
  const granted = claims['scope'] ?? claims['scp'];
  if (typeof granted === 'string') return granted.split(' ').filter(Boolean);
  if (Array.isArray(granted)) return granted.filter((scope): scope is string => typeof scope === 'string');
  return [];
}

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
    const granted = new Set(tokenScopes(c.get('jwt').claims));
    if (!scopes.every((scope) => granted.has(scope))) {
      c.header('WWW-Authenticate', wwwAuthenticate({ realm: 'api', error: 'insufficient_scope', scope: scopes }));
      return c.json({ error: 'insufficient_scope' }, 403);
    }
    await next();
  };
}
